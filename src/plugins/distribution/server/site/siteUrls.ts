import type { Core } from '@strapi/strapi';

export type SiteConfig = {
  url: string;
  name: string;
  paths: Record<string, Record<string, string>>;
  organization: { name: string; url: string; logo?: string };
};

/** The short type name used in site paths: `api::press-coverage.press-coverage` → `press-coverage`. */
export const siteTypeOf = (uid: string): string => uid.replace(/^api::/, '').split('.')[0];

/** Builds the absolute address of a page on the public site; pure, so every surface agrees. */
export const buildSiteUrl = (site: SiteConfig, type: string, locale: string, slug?: string | null): string | undefined => {
  const patterns = site.paths[type];
  if (!patterns) return undefined;
  const pattern = patterns[locale] ?? patterns.default;
  if (!pattern || (pattern.includes('{slug}') && !slug)) return undefined;
  const path = pattern.replace('{locale}', encodeURIComponent(locale)).replace('{slug}', encodeURIComponent(slug ?? ''));
  return `${site.url}${path}`;
};

export const siteConfig = (strapi: Core.Strapi): SiteConfig => strapi.config.get<SiteConfig>('site');
