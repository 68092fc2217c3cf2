import type { Core } from '@strapi/strapi';
import { siteTimezone } from '../../../lib/clock/clock';
import { absoluteUrl } from '../../../lib/jsonld/jsonLd';
import type { EntryProjection, StoredEntry } from '../../../lib/readModel/storedEntries';
import { visibilityOf } from '../../../lib/visibility/visibilityService';
import { distributionConfig, type EntryMapping } from './config';
import { toPublicEntry, type EntryContext, type EntryImage, type PublicEntry } from './publicEntry';

/**
 * Stored with the addresses of media as Strapi stores them: a feed makes them absolute on the CMS's
 * address, which is the request's own when `server.url` is not set.
 */
const STORED_MEDIA_BASE = '';

/**
 * The entry the read model stores for one published version: `toPublicEntry` on its public `data`,
 * its cover's address kept only as Strapi stores it (`path`), as JSON reads it back (the date an ISO
 * text, fields left unset gone); null when the document has none.
 */
export const storedEntryOf = (
  document: Parameters<typeof toPublicEntry>[0],
  uid: string,
  mapping: EntryMapping,
  context: Omit<EntryContext, 'mediaBaseUrl'>
): Record<string, unknown> | null => {
  const entry = toPublicEntry(document, uid, mapping, { ...context, mediaBaseUrl: STORED_MEDIA_BASE });
  if (!entry) return null;
  // The cover's address is its `path` made absolute when read: not stored twice.
  const stored = entry.image ? { ...entry, image: { ...entry.image, url: undefined } } : entry;
  return JSON.parse(JSON.stringify(stored)) as Record<string, unknown>;
};

/**
 * `plugin::distribution.stored-entries`: each published version's public entry, computed by the read
 * model when it computes the version's row, so that a feed or digest reads a few hundred bytes a
 * document and maps nothing. The same `toPublicEntry` as the Document Service path, on the same public
 * `data`; the tests compare the two paths' answers byte for byte (read-model-lists-equivalence).
 */
export const storedEntriesService = ({ strapi }: { strapi: Core.Strapi }): EntryProjection => ({
  fingerprint: () => {
    const { entries } = distributionConfig(strapi);
    return JSON.stringify({ entries, timezone: siteTimezone(), timeFields: visibilityOf(strapi).allTimeFieldNames() });
  },
  covers: (uid) => Object.hasOwn(distributionConfig(strapi).entries, uid),
  project: (uid, locale, data) => {
    const config = distributionConfig(strapi);
    const mapping = config.entries[uid];
    if (!mapping) return null;
    const timeFields = visibilityOf(strapi).allTimeFieldNames();
    return storedEntryOf(data as Parameters<typeof toPublicEntry>[0], uid, mapping, { site: config.site, locale, timeFields });
  },
});

/**
 * A stored entry as the distribution surfaces use it: its date an instant again, its cover's address
 * made absolute on the CMS's address for this request (as `toPublicEntry` does), undefined when the
 * document has no entry.
 */
export const fromStoredEntry = ({ entry }: StoredEntry, mediaBaseUrl: string): PublicEntry | undefined => {
  if (!entry) return undefined;
  const stored = entry as Omit<PublicEntry, 'date' | 'image'> & { date: string; image?: Omit<EntryImage, 'url'> };
  // In `toPublicEntry`'s order: the address first.
  const { image, ...rest } = stored;
  const date = new Date(stored.date);
  return image ? { ...rest, date, image: { url: absoluteUrl(mediaBaseUrl, image.path) as string, ...image } } : { ...rest, date };
};
