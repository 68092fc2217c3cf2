import type { Core, UID } from '@strapi/strapi';
import type { PressKitConfig } from '../config';
import type { CreditedImage, MediaFile, Release } from './pressKitContent';

type Document = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const asList = (value: unknown): unknown[] => (value == null ? [] : Array.isArray(value) ? value : [value]);

/** A plain media field holds the file itself; a credited-image component holds it under `image`, with its credit. */
const asCredited = (value: unknown): CreditedImage | null => {
  if (!value || typeof value !== 'object') return null;
  return 'url' in value ? { image: value as MediaFile } : value;
};

/** Loads each image field with its file, inside a component when it is one. */
const imagePopulate = (strapi: Core.Strapi, config: PressKitConfig) => {
  const attributes = strapi.getModel(config.type as UID.ContentType).attributes as Record<string, { type: string }>;
  return Object.fromEntries(
    config.fields.images.map((field) => [field, attributes[field]?.type === 'component' ? { populate: { image: true } } : true])
  );
};

/**
 * The published release with this slug in this locale, read through the Document Service like any
 * Content API read, so the visibility rule (draft, embargo, schedule) applies as on the type's own routes.
 */
export const readRelease = async (strapi: Core.Strapi, config: PressKitConfig, slug: string, locale: string): Promise<Release | null> => {
  const { fields } = config;
  const document = (await strapi.documents(config.type as UID.ContentType).findFirst({
    filters: { [fields.slug]: slug },
    locale,
    status: 'published',
    populate: imagePopulate(strapi, config),
  } as never)) as Document | null;
  if (!document) return null;
  const field = (name: string | undefined) => (name ? document[name] : undefined);
  return {
    title: String(document[fields.title] ?? ''),
    slug: String(document[fields.slug] ?? slug),
    locale: String(document.locale ?? locale),
    standfirst: text(field(fields.standfirst)),
    body: field(fields.body),
    byline: text(field(fields.byline)),
    embargoUntil: text(field(fields.embargo)),
    publishedAt: text(document.publishedAt),
    images: fields.images.flatMap((name) => asList(document[name]).map(asCredited)),
  };
};
