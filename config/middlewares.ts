import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  // Turns query-shape mistakes that Strapi reports as plain errors into 400s.
  'global::query-errors',
  'strapi::security',
  'strapi::cors',
  // Per-client limit on /api and /graphql, 429 with Retry-After (config/rateLimit.ts).
  'global::rate-limit',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  // Media files that are not images are served as downloads (Content-Disposition: attachment).
  'global::upload-disposition',
  'strapi::public',
  // Serves /sitemap.xml through its Content API route (/api/sitemap.xml).
  'global::site-root-paths',
  // ETag, Cache-Control and 304 for public reads (after the router has answered).
  'global::http-cache',
];

export default config;
