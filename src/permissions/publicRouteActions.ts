/**
 * Everything anyone may call without a token (the Public role), and logged-in site users (the
 * Authenticated role) too: reading published content, nothing else. Embargo and scheduling still
 * apply inside each of these routes. Written out one by one on purpose: a new content type or route
 * stays closed until it is added here (or opened by staff in the admin panel).
 *
 * The public-api plugin's `publicActions` (config/plugins.ts). Each action is granted once: removing
 * one in the admin panel sticks across restarts; adding one here grants it at the next boot, dropping
 * one revokes it.
 */
export const PUBLIC_ROUTE_ACTIONS: string[] = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::article.article.findBySlug',
  'api::article.press-kit.download',
  'api::edition.edition.find',
  'api::edition.edition.findOne',
  'api::edition.edition.findBySlug',
  'api::manifesto.manifesto.find',
  'api::partner.partner.find',
  'api::partner.partner.findOne',
  'api::partner.partner.findBySlug',
  'api::person.person.find',
  'api::person.person.findOne',
  'api::press-coverage.press-coverage.find',
  'api::press-coverage.press-coverage.findOne',
  'api::press-coverage.press-coverage.findBySlug',
  'api::programme.programme.find',
  'api::programme.programme.findOne',
  'api::programme.programme.findBySlug',
  // Distribution: feeds, sitemap and newsletter digest.
  'plugin::distribution.feed.find',
  'plugin::distribution.sitemap.find',
  'plugin::distribution.newsletter.digest',
  // Full-text search (src/plugins/search).
  'plugin::search.search.find',
];
