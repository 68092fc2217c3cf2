import type { Core, UID } from '@strapi/strapi';
import { storedReadsOf } from '../../../lib/readModel/storedReads';
import type { StoredEntry } from '../../../lib/readModel/storedEntries';
import { now } from '../../../lib/clock/clock';
import type { EntryMapping } from './config';
import type { DistributionContext } from './distributionContext';
import { entryPopulate } from './entryPopulate';
import { toPublicEntry, type PublicEntry } from './publicEntry';
import { readNewest, readPublishedSince, readUpcoming, type PublishedDocument, type Selection } from './readPublished';
import { fromStoredEntry } from './storedEntries';

/**
 * The public entries of the feeds and the digest. For the Public, the read model answers each
 * selection with the entries it stored when it computed its rows (storedEntries.ts), under the same
 * visibility predicate as every stored read; otherwise (a journalist's token, the model not ready) the
 * documents are read as before (readPublished.ts) and mapped here.
 */
type EntrySelection = Omit<Selection, 'populate'>;

const present = (entry: PublicEntry | undefined): entry is PublicEntry => Boolean(entry);

const fromStored = (stored: StoredEntry[], context: DistributionContext): PublicEntry[] =>
  stored.map((entry) => fromStoredEntry(entry, context.mediaBaseUrl)).filter(present);

const fromDocuments = (documents: PublishedDocument[], uid: string, mapping: EntryMapping, context: DistributionContext) =>
  documents.map((document) => toPublicEntry(document, uid, mapping, context)).filter(present);

/** Latest visible first, then by documentId: `readPublishedSince`'s order. */
const byVisibleSinceDesc = (a: StoredEntry, b: StoredEntry) =>
  (b.visibleSince ?? 0) - (a.visibleSince ?? 0) || a.documentId.localeCompare(b.documentId);

/**
 * The entries of a selection: for the Public, those the model stored (`keep` picks and orders them as
 * the documents' read does), when it answers; otherwise the documents' (readPublished.ts), mapped.
 */
const entriesOf = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  mapping: EntryMapping,
  context: DistributionContext,
  reads: {
    stored: () => Promise<StoredEntry[] | undefined>;
    documents: (populate: Record<string, unknown>) => Promise<PublishedDocument[]>;
    keep?: (stored: StoredEntry[]) => StoredEntry[];
  }
): Promise<PublicEntry[]> => {
  const stored = context.mayReadStored ? await reads.stored() : undefined;
  if (stored) return fromStored(reads.keep ? reads.keep(stored) : stored, context);
  return fromDocuments(await reads.documents(entryPopulate(strapi, uid, mapping)), uid, mapping, context);
};

/** The entries of the `limit` documents that became public most recently (`readNewest`). */
export const readNewestEntries = (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  mapping: EntryMapping,
  context: DistributionContext,
  selection: EntrySelection
): Promise<PublicEntry[]> =>
  entriesOf(strapi, uid, mapping, context, {
    stored: () => storedReadsOf(strapi).newest(uid, now(), selection),
    documents: (populate) => readNewest(strapi, uid, { ...selection, populate }),
  });

/** The entries of the documents that became public at or after `since`, latest first (`readPublishedSince`). */
export const readPublishedSinceEntries = (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  mapping: EntryMapping,
  context: DistributionContext,
  selection: EntrySelection & { since: Date }
): Promise<PublicEntry[]> =>
  entriesOf(strapi, uid, mapping, context, {
    stored: () => storedReadsOf(strapi).publishedSince(uid, now(), selection.since, selection),
    documents: (populate) => readPublishedSince(strapi, uid, { ...selection, populate }),
    // As readPublishedSince: a document republished after `since` but public long before is not new.
    keep: (stored) => stored.filter((entry) => (entry.visibleSince ?? 0) >= selection.since.getTime()).sort(byVisibleSinceDesc),
  });

/** The entries of the documents whose `field` (a day) is after `today`, soonest first (`readUpcoming`). */
export const readUpcomingEntries = (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  mapping: EntryMapping,
  context: DistributionContext,
  selection: EntrySelection & { field: string; today: string }
): Promise<PublicEntry[]> =>
  entriesOf(strapi, uid, mapping, context, {
    stored: () => storedReadsOf(strapi).upcoming(uid, now(), selection, selection),
    documents: (populate) => readUpcoming(strapi, uid, { ...selection, populate }),
  });
