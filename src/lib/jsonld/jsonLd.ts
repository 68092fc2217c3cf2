import type { Core } from '@strapi/strapi';

export type JsonLd = Record<string, unknown>;

/** What every serializer needs besides the document: where things live. */
export type JsonLdContext = {
  locale: string;
  /** Absolute URL of the page on the public site, if the type has pages. */
  pageUrl?: string;
  /** Prefix for media paths such as `/uploads/x.jpg`. */
  mediaBaseUrl: string;
  organization: { name: string; url: string; logo?: string };
};

export type MediaFile = { url?: string; width?: number; height?: number; alternativeText?: string | null };
export type CreditedImage = { image?: MediaFile | null; alternativeText?: string | null; credit?: string | null; caption?: string | null };

export const absoluteUrl = (base: string, url?: string | null): string | undefined => {
  if (!url) return undefined;
  return /^https?:\/\//.test(url) ? url : `${base.replace(/\/+$/, '')}${url.startsWith('/') ? '' : '/'}${url}`;
};

/** An ImageObject with its credit, for the covers and logos that schema.org consumers show. */
export const imageObject = (image: CreditedImage | null | undefined, base: string): JsonLd | undefined => {
  const url = absoluteUrl(base, image?.image?.url);
  if (!url) return undefined;
  return compact({
    '@type': 'ImageObject',
    url,
    width: image?.image?.width,
    height: image?.image?.height,
    caption: image?.caption ?? undefined,
    creditText: image?.credit ?? undefined,
    description: image?.alternativeText ?? image?.image?.alternativeText ?? undefined,
  });
};

/** Drops empty values, so the output has no `null` that validators complain about. */
export const compact = (value: Record<string, unknown>): JsonLd =>
  Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
  );

export const organizationRef = (organization: JsonLdContext['organization']): JsonLd =>
  compact({ '@type': 'Organization', name: organization.name, url: organization.url, logo: organization.logo });

/** What the distribution plugin serves as `plugin::distribution.json-ld`: the configured serializer of a type, applied. */
export type JsonLdService = { describe(uid: string, document: Record<string, unknown>, context: JsonLdContext): JsonLd | undefined };

/** The schema.org shape of a document, when the distribution plugin is enabled and has a serializer for its type. */
export const jsonLdFor = (
  strapi: Core.Strapi,
  uid: string,
  document: Record<string, unknown>,
  context: JsonLdContext
): JsonLd | undefined =>
  (strapi.plugin('distribution')?.service<JsonLdService>('json-ld') as JsonLdService | undefined)?.describe(uid, document, context);
