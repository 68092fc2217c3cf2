import type { Core, UID } from '@strapi/strapi';
import { visibilityOf } from '../../../../lib/visibility/visibilityService';
import { fallbackSortKeys, mergeFallbackPage, type FallbackEntry, type Row } from '../../../../lib/lists/mergeFallbackPage';

type Query = Record<string, unknown>;
type Documents = { findMany(params: Query): Promise<Row[]>; count(params: Query): Promise<number> };
type QueryParams = { transform(uid: string, params: Query): { where?: Query } };
type QueryBuilder = { select(columns: string[]): QueryBuilder; where(where: Query): QueryBuilder; getKnexQuery(): unknown };

export type FallbackSelection = {
  filters: unknown;
  status: string;
  sort: unknown;
  requestedLocale: string;
  defaultLocale: string;
  window: { start: number; limit: number };
};

/**
 * One page of a fallback list, chosen by the database: each locale's list is read in order only as
 * far as the page reaches (`start + limit` rows of the sort fields), and the total is two counts.
 * "Has a version in the requested locale" is a subquery on the document id, so the default-locale
 * list and its count leave those documents out in SQL. The subquery holds the client's filters and
 * the publication state but not the visibility rule: embargo and schedule fields are shared by all
 * locales of a document, so a document hidden in one locale is hidden in the other as well. Both
 * reads go through the Document Service, where the visibility rule is added.
 *
 * Knex subqueries as `$in`/`$notIn` values are passed through by Strapi's query layer, and
 * `strapi.get('query-params').transform` and `strapi.db.queryBuilder` are what the Document Service
 * itself uses; checked against Strapi 5.54.0 (database/dist/query/helpers/where.js).
 */
export const fallbackPage = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  selection: FallbackSelection
): Promise<{ entries: FallbackEntry[]; total: number }> => {
  const documents = strapi.documents(uid) as unknown as Documents;
  const { filters, requestedLocale, defaultLocale, window } = selection;
  // As the visibility rule does for every read: only readers allowed drafts get them.
  const status = selection.status === 'draft' && visibilityOf(strapi).readerAccess().canReadDrafts ? 'draft' : 'published';
  const keys = fallbackSortKeys(selection.sort);
  const reach = window.start + window.limit;

  const filtersWhere = filters ? (strapi.get<QueryParams>('query-params').transform(uid, { filters }).where ?? {}) : {};
  const inRequestedLocale = (strapi.db.queryBuilder(uid) as unknown as QueryBuilder)
    .select(['documentId'])
    .where({
      $and: [filtersWhere, { locale: requestedLocale }, { publishedAt: status === 'published' ? { $notNull: true } : { $null: true } }],
    })
    .getKnexQuery();
  const onlyInDefault = { documentId: { $notIn: inRequestedLocale } };
  const defaultFilters = filters ? { $and: [filters, onlyInDefault] } : onlyInDefault;

  const read = (locale: string, where: unknown) =>
    documents.findMany({
      filters: where,
      status,
      locale,
      fields: [...new Set(keys.map((key) => key.field))],
      sort: keys.map((key) => `${key.field}:${key.order}`),
      start: 0,
      limit: reach,
    });
  const [requestedRows, defaultRows, requestedTotal, defaultTotal] = await Promise.all([
    read(requestedLocale, filters),
    read(defaultLocale, defaultFilters),
    documents.count({ filters, status, locale: requestedLocale }),
    documents.count({ filters: defaultFilters, status, locale: defaultLocale }),
  ]);
  const { entries } = mergeFallbackPage(requestedRows, defaultRows, requestedLocale, defaultLocale, keys, window);
  return { entries, total: requestedTotal + defaultTotal };
};
