import type { Core } from '@strapi/strapi';

/**
 * The public site: its address, its name, the organisation behind it and the address pattern of
 * each page kind (`{locale}`, `{slug}`). The distribution plugin is configured with it
 * (config/plugins.ts → `distribution.config.site`) and serves it to the other plugins.
 */
export type SiteConfig = {
  url: string;
  name: string;
  /** Page kind (`api::post.post` → `post`, or `home`) → locale (or `default`) → path pattern. */
  paths: Record<string, Record<string, string>>;
  organization: { name: string; url: string; logo?: string };
};

/**
 * The page kind of a content type in `site.paths`: its short name, `api::blog-post.blog-post`
 * → `blog-post`, `api::post.post` → `post`.
 */
export const siteTypeOf = (uid: string): string => (uid.split('::')[1] ?? uid).split('.')[0];

/** Builds the absolute address of a page on the public site; pure, so every surface agrees. */
export const buildSiteUrl = (site: SiteConfig, type: string, locale: string, slug?: string | null): string | undefined => {
  const patterns = site.paths[type];
  if (!patterns) return undefined;
  const pattern = patterns[locale] ?? patterns.default;
  if (!pattern || (pattern.includes('{slug}') && !slug)) return undefined;
  const path = pattern.replace('{locale}', encodeURIComponent(locale)).replace('{slug}', encodeURIComponent(slug ?? ''));
  return `${site.url}${path}`;
};

/** A site without pages: every address built from it is undefined (`url: null` in answers, no purge of pages). */
export const NO_SITE: SiteConfig = { url: '', name: '', paths: {}, organization: { name: '', url: '' } };

/** What the distribution plugin serves as `plugin::distribution.site`. */
export type SiteService = { config(): SiteConfig };

/**
 * The public site as the distribution plugin is configured, through its service; without that plugin
 * there is no site, so no page addresses (answers carry `url: null`, purges name no pages).
 */
export const siteConfig = (strapi: Core.Strapi): SiteConfig =>
  (strapi.plugin('distribution')?.service<SiteService>('site') as SiteService | undefined)?.config() ?? NO_SITE;
