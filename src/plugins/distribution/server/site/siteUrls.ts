import type { Core } from '@strapi/strapi';
import { distributionConfig, type SiteConfig } from '../config';

export type { SiteConfig };

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

/** The public site as the distribution plugin is configured (config/plugins.ts → `distribution.config.site`). */
export const siteConfig = (strapi: Core.Strapi): SiteConfig => distributionConfig(strapi).site;
