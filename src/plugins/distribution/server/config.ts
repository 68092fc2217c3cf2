import type { Core } from '@strapi/strapi';
import { z } from 'zod';

/**
 * The distribution plugin's configuration (config/plugins.ts → `distribution.config`): which content
 * types feed which channels and digest sections, which of their fields carry a title, summary, date,
 * image…, where their pages live on the public site, and their JSON-LD. The plugin names no type itself.
 */
const fieldName = z.string().min(1);
const uid = z.string().regex(/^[a-z0-9-]+::[a-z0-9-]+\.[a-z0-9-]+$/, 'a content type uid such as api::post.post');
const textByLocale = z.record(z.string(), z.string().min(1)).refine((titles) => Object.keys(titles).length > 0, 'at least one locale');
/** Strapi's own filter syntax, passed to the Document Service as given. */
const filters = z.record(z.string(), z.unknown());

/**
 * Entries a digest section shows by default. A newsletter lists a week's highlights, and Gmail clips
 * a message above 102 KB; the rest is one link away on the site.
 */
export const DIGEST_SECTION_ITEMS = 10;
/** The most a section may be configured to show: one request stays bounded when `since` is years ago. */
export const DIGEST_MAX_ITEMS = 100;

const entrySchema = z.strictObject({
  /** The field holding the title; an entry without one is left out. */
  title: fieldName,
  summary: fieldName.optional(),
  /** A media field, or a component whose `image` media field comes with an `alternativeText`. */
  image: fieldName.optional(),
  /**
   * The entry's date: a date field (midnight in the association's time zone) or a date-time field.
   * Without it, the moment the document became public (publication, embargo end, schedule).
   */
  date: fieldName.optional(),
  kind: z.strictObject({ field: fieldName, default: z.string() }).optional(),
  /** A relation whose `label` field names each category. */
  categories: z.strictObject({ field: fieldName, label: fieldName }).optional(),
  author: fieldName.optional(),
  /** A relation naming who published the original (press coverage's outlet), and the original's address. */
  source: z
    .strictObject({ field: fieldName, name: fieldName, website: fieldName.optional(), originalUrl: fieldName.optional() })
    .optional(),
  /** Events: the dates they run. */
  startDate: fieldName.optional(),
  endDate: fieldName.optional(),
});

const sourceSchema = z.strictObject({ type: uid, filters: filters.optional() });

const jsonLdSerializer = z.custom<(document: never, context: never) => Record<string, unknown>>(
  (value) => typeof value === 'function',
  'a function (document, context) => JSON-LD object'
);

export const distributionConfigSchema = z.strictObject({
  site: z.strictObject({
    url: z.url(),
    name: z.string().min(1),
    /**
     * Page address patterns with {locale} and {slug}, per page kind and locale (`default` for any
     * other locale). A kind is a content type's short name (`api::post.post` → `post`), or `home`.
     * The sitemap lists every published document of the types named here.
     */
    paths: z.record(z.string(), z.record(z.string(), z.string().startsWith('/'))),
    organization: z.strictObject({ name: z.string().min(1), url: z.string().min(1), logo: z.string().optional() }),
  }),
  /** How a document of each type becomes a feed or digest entry. */
  entries: z.record(uid, entrySchema),
  feeds: z.strictObject({
    /** How many items a feed carries. */
    size: z.int().positive(),
    /** Channel name (in the address, `/feeds/fr/<channel>.rss`) → its titles per locale and its sources. */
    channels: z
      .record(
        z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
        z.strictObject({ titles: textByLocale, sources: z.array(sourceSchema).min(1) })
      )
      .refine((channels) => Object.keys(channels).length > 0, 'at least one channel'),
  }),
  digest: z.strictObject({
    /** Sections in the order the newsletter shows them. `upcoming` lists what starts after today instead of what became public since. */
    sections: z.record(
      z.string().regex(/^[A-Za-z0-9]+$/),
      z.strictObject({
        titles: textByLocale,
        type: uid,
        filters: filters.optional(),
        /** At most this many entries of what became public since (10); a longer list ends with a link to the site. */
        limit: z.int().positive().max(DIGEST_MAX_ITEMS).optional(),
        upcoming: z.strictObject({ field: fieldName, limit: z.int().positive().max(DIGEST_MAX_ITEMS) }).optional(),
      })
    ),
  }),
  /** A serializer per type for `meta.jsonLd` of its detail responses. */
  jsonLd: z.record(uid, jsonLdSerializer),
  sitemap: z
    .strictObject({
      /** Above this many URLs, `/sitemap.xml` is a sitemap index of parts of at most this many (the protocol allows 50,000). */
      maxUrlsPerFile: z.int().positive().max(50_000),
      /** Rows read per query while streaming (memory per request grows with it, not with the site). */
      rowsPerQuery: z.int().positive().max(10_000).optional(),
    })
    .optional(),
});

export type DistributionConfig = z.infer<typeof distributionConfigSchema>;
export type EntryMapping = z.infer<typeof entrySchema>;
export type SiteConfig = DistributionConfig['site'];

const keyOf = (path: PropertyKey[]) => path.map(String).join('.');

/** Fails the boot with every bad key named, e.g. `feeds.channels.news.sources.0.type: a content type uid…`. */
export const validateDistributionConfig = (config: unknown): void => {
  const result = distributionConfigSchema.safeParse(config);
  if (result.success) {
    const { entries, feeds, digest } = result.data;
    const unmapped = [
      ...Object.entries(feeds.channels).flatMap(([name, channel]) =>
        channel.sources.map((source, i) => ({ key: `feeds.channels.${name}.sources.${i}.type`, type: source.type }))
      ),
      ...Object.entries(digest.sections).map(([name, section]) => ({ key: `digest.sections.${name}.type`, type: section.type })),
    ].filter(({ type }) => !(type in entries));
    if (unmapped.length > 0)
      throw new Error(unmapped.map(({ key, type }) => `${key}: ${type} has no entry mapping under entries`).join('; '));
    return;
  }
  throw new Error(result.error.issues.map((issue) => `${keyOf(issue.path) || '(root)'}: ${issue.message}`).join('; '));
};

/** The sitemaps.org limit of URLs in one file. */
export const SITEMAP_PROTOCOL_MAX_URLS = 50_000;

/** An empty configuration: no pages, no channels, no sections; a site must configure at least `site` and a channel. */
export const defaultDistributionConfig = {
  entries: {},
  feeds: { size: 30, channels: {} },
  digest: { sections: {} },
  jsonLd: {},
  sitemap: { maxUrlsPerFile: SITEMAP_PROTOCOL_MAX_URLS },
};

export const distributionConfig = (strapi: Core.Strapi): DistributionConfig =>
  strapi.config.get<DistributionConfig>('plugin::distribution');
