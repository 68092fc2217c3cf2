import type { Core, UID } from '@strapi/strapi';
import { buildSiteUrl, siteConfig, siteTypeOf } from '../../../distribution/server/site/siteUrls';
import { writeKeys } from './surrogateKeys';

/** What a caching proxy or CDN must drop after a write: carried by the webhook as `purge`. */
export type PurgeTargets = {
  /** Varnish/Fastly surrogate keys (the `Surrogate-Key` header of the answers to drop). */
  surrogateKeys: string[];
  /** API paths whose answers, under any query string, may have changed. */
  paths: string[];
  /** Addresses of the public site's pages that show the document (SITE_PATH_* patterns). */
  pages: string[];
};

/** Events after which public answers may have changed. */
export const PURGE_EVENTS = ['entry.create', 'entry.update', 'entry.publish', 'entry.unpublish', 'entry.delete', 'entry.visible'] as const;

/** Routes that gather several types: any write may change them (see src/api/feed, sitemap, newsletter). */
const AGGREGATE_PATHS = ['/api/feeds', '/api/sitemap.xml', '/sitemap.xml', '/api/newsletter/digest'];

type EntryPayload = {
  uid?: string;
  entry?: { documentId?: string; locale?: string | null; slug?: string | null } & Record<string, unknown>;
};

/** Pure: the purge targets of a write, once the document's slug and site pages are known. */
export const purgeTargetsFor = (write: {
  uid: string;
  pluralName: string;
  apiPrefix: string;
  entry?: EntryPayload['entry'];
  slug?: string | null;
  pages: string[];
}): PurgeTargets => {
  const base = `${write.apiPrefix}/${write.pluralName}`;
  const documentId = write.entry?.documentId;
  return {
    surrogateKeys: writeKeys({ uid: write.uid, documentId, entry: write.entry }),
    paths: [
      base,
      ...(documentId ? [`${base}/${documentId}`] : []),
      ...(write.slug ? [`${base}/slug/${encodeURIComponent(write.slug)}`] : []),
      ...AGGREGATE_PATHS,
    ],
    pages: write.pages,
  };
};

/** The slug a visibility event does not carry: read from the published version. */
const publishedSlug = async (strapi: Core.Strapi, uid: string, documentId: string, locale?: string | null): Promise<string | undefined> => {
  if (!('slug' in strapi.getModel(uid as UID.ContentType).attributes)) return undefined;
  const row = (await strapi.db.query(uid).findOne({
    select: ['slug'],
    where: { documentId, publishedAt: { $notNull: true }, ...(locale ? { locale } : {}) },
  })) as { slug?: string | null } | null;
  return row?.slug ?? undefined;
};

/**
 * Adds `purge` to the payload of every entry event of an `api::` type, before Strapi's webhook runner
 * queues it: its listeners are created in the webhooks provider's bootstrap, after this (called in
 * `register`), and the event hub runs listeners in order (checked against Strapi 5.54.0).
 */
export const registerPurgeTargets = (strapi: Core.Strapi): void => {
  const apiPrefix = strapi.config.get<string | undefined>('api.rest.prefix') ?? '/api';
  for (const event of PURGE_EVENTS) {
    strapi.eventHub.on(event, async (payload: EntryPayload & { purge?: PurgeTargets }) => {
      try {
        const uid = payload?.uid;
        if (!uid || !uid.startsWith('api::') || !payload.entry) return;
        const { documentId, locale } = payload.entry;
        const slug = payload.entry.slug ?? (documentId ? await publishedSlug(strapi, uid, documentId, locale) : undefined);
        const page = locale ? buildSiteUrl(siteConfig(strapi), siteTypeOf(uid), locale, slug) : undefined;
        const pluralName = strapi.getModel(uid as UID.ContentType).info.pluralName;
        payload.purge = purgeTargetsFor({ uid, pluralName, apiPrefix, entry: payload.entry, slug, pages: page ? [page] : [] });
      } catch (error) {
        // A webhook without purge targets still goes out: the proxy's capped lifetimes bound the staleness.
        strapi.log.error(`[purge] could not compute purge targets for ${event}: ${(error as Error).message}`);
      }
    });
  }
};
