import type { Core, UID } from '@strapi/strapi';
import { timeFieldNames } from '../../../lib/visibility/readerAccess';
import { visibilityOf } from '../../../lib/visibility/visibilityService';
import { visibleSince } from '../../../lib/visibility/visibleSince';

export type PublishedDocument = Record<string, unknown> & { documentId: string; locale?: string; slug?: string | null };
type Params = Record<string, unknown>;
type LooseDocuments = { findMany(params: Params): Promise<PublishedDocument[]> };
export type Selection = { locale: string; filters?: Params; populate?: Params; limit: number };

/**
 * The distribution surfaces' reads through the Document Service, for a reader the read model does not
 * answer (readEntries.ts: a journalist's token, the model not ready). Every call runs during a
 * Content API request, so the visibility plugin's middleware, when enabled, has already removed
 * drafts, releases under embargo (unless the reader's token opens them) and documents scheduled for later.
 */
const documents = (strapi: Core.Strapi, uid: UID.ContentType) => strapi.documents(uid) as unknown as LooseDocuments;

/** The selection's published documents in its locale that also match `condition`, in `sort`, at most its `limit`. */
const findPublished = (strapi: Core.Strapi, uid: UID.ContentType, options: Selection, condition: Params, sort: Params[]) =>
  documents(strapi, uid).findMany({
    locale: options.locale,
    status: 'published',
    filters: and(options.filters, condition),
    populate: options.populate,
    sort,
    limit: options.limit,
  });

const timeFieldsOf = (strapi: Core.Strapi, uid: UID.ContentType): string[] => [
  'publishedAt',
  ...timeFieldNames(visibilityOf(strapi).timeFieldsOf(uid, strapi.getModel(uid).attributes)),
];

const and = (...filters: Array<Params | undefined>): Params | undefined => {
  const present = filters.filter((f): f is Params => Boolean(f));
  return present.length === 0 ? undefined : present.length === 1 ? present[0] : { $and: present };
};

const byVisibleSinceDesc = (timeFields: readonly string[]) => (a: PublishedDocument, b: PublishedDocument) =>
  (visibleSince(b, timeFields)?.getTime() ?? 0) - (visibleSince(a, timeFields)?.getTime() ?? 0) || a.documentId.localeCompare(b.documentId);

/**
 * The `limit` documents that became public most recently. That instant is the latest of three
 * columns, which no SQL sort expresses portably; the newest `limit` by each column together
 * contain the newest `limit` by their maximum, so three bounded queries give the exact answer.
 */
export const readNewest = async (strapi: Core.Strapi, uid: UID.ContentType, options: Selection): Promise<PublishedDocument[]> => {
  const seen = new Map<string, PublishedDocument>();
  for (const field of timeFieldsOf(strapi, uid)) {
    const rows = await findPublished(strapi, uid, options, { [field]: { $notNull: true } }, [{ [field]: 'desc' }, { documentId: 'asc' }]);
    for (const row of rows) seen.set(row.documentId, row);
  }
  return [...seen.values()].sort(byVisibleSinceDesc(visibilityOf(strapi).allTimeFieldNames())).slice(0, options.limit);
};

/** Documents that became public at or after `since` (published, released from embargo or reaching their schedule). */
export const readPublishedSince = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  options: Selection & { since: Date }
): Promise<PublishedDocument[]> => {
  const instant = options.since.toISOString();
  const rows = await findPublished(
    strapi,
    uid,
    options,
    { $or: timeFieldsOf(strapi, uid).map((field) => ({ [field]: { $gte: instant } })) },
    [{ publishedAt: 'desc' }, { documentId: 'asc' }]
  );
  // A document republished after `since` but public long before is not new: keep the rule's date.
  const timeFields = visibilityOf(strapi).allTimeFieldNames();
  return rows
    .filter((row) => (visibleSince(row, timeFields)?.getTime() ?? 0) >= options.since.getTime())
    .sort(byVisibleSinceDesc(timeFields));
};

/**
 * Documents whose `field` (a day) is after `today`, soonest first, then by documentId: an upcoming
 * section. The read model answers its entries for the Public when `field` starts the type's range of dates.
 */
export const readUpcoming = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  options: Selection & { field: string; today: string }
): Promise<PublishedDocument[]> => {
  const { field, today } = options;
  return findPublished(strapi, uid, options, { [field]: { $gt: today } }, [{ [field]: 'asc' }, { documentId: 'asc' }]);
};
