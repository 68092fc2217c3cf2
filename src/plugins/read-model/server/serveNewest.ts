import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { NewestSelection } from '../../../lib/readModel/storedReads';
import { publicRowsWithState, refreshOutdated, rowVisibleSince, visibleAt } from './serve';
import { table } from './strapiInternals';
import { ROWS_TABLE } from './tables';
import { isRecord } from '../../../lib/validation/isRecord';
import { calendarRangeOf } from './computeRow';
import type { QueryParams } from '../../../lib/database/compiledQueries';
import { entryProjectionOf, type StoredEntry } from '../../../lib/readModel/storedEntries';

/** The columns that date a version, in the order the Document Service path reads its fields (publication first). */
const TIME_COLUMNS = ['published_at', 'embargo_until', 'visible_from'] as const;
type TimeColumn = (typeof TIME_COLUMNS)[number];

/** A row as these reads take it: its dating columns, its stored entry and validity. */
type DatedRow = {
  document_id: string;
  published_at: number | string | null;
  embargo_until: number | string | null;
  visible_from: number | string | null;
  stored: string | null;
  valid_from: number | string | null;
  valid_until: number | string | null;
};

/**
 * The kinds a selection's Strapi `filters` keep, when that is all they say: `{ kind: 'news' }`,
 * `{ kind: { $eq } }` or `{ kind: { $in: [...] } }` on a type whose `kind` field the rows store.
 * `null` when there is no filter; undefined when the filters say anything else (the model cannot
 * answer them exactly, and the caller takes the Document Service path).
 */
export const kindsOf = (strapi: Core.Strapi, uid: string, filters: Record<string, unknown> | undefined): string[] | null | undefined => {
  if (filters === undefined || Object.keys(filters).length === 0) return null;
  const attributes = (strapi.getModel(uid as never) as { attributes?: Record<string, unknown> } | undefined)?.attributes ?? {};
  const keys = Object.keys(filters);
  if (keys.length !== 1 || keys[0] !== 'kind' || !('kind' in attributes)) return undefined;
  const condition = filters.kind;
  if (typeof condition === 'string') return [condition];
  if (!isRecord(condition) || Object.keys(condition).length !== 1) return undefined;
  if (typeof condition.$eq === 'string') return [condition.$eq];
  const listed = condition.$in;
  return Array.isArray(listed) && listed.every((kind): kind is string => typeof kind === 'string') ? listed : undefined;
};

/**
 * The rows of a localized type in one locale that the Public may see at `instant`, of the given kinds
 * when `kinds` is a parameter: the visibility predicate, always. From the parameters of a compiled
 * query (`selectionParams`), or their markers.
 */
const visibleRows = (strapi: Core.Strapi, params: QueryParams): Knex.QueryBuilder => {
  const query = visibleAt(
    table(strapi, strapi.db.connection, ROWS_TABLE).where({ uid: params.uid, locale: params.locale }),
    params.instant as number
  );
  return 'kinds' in params ? query.whereIn('kind', params.kinds as string[]) : query;
};

/** A selection's values as parameters of a compiled query: its type, locale, instant and limit, and its kinds when filtered. */
const selectionParams = (uid: string, instant: number, selection: NewestSelection, kinds: string[] | null): QueryParams => ({
  uid,
  locale: selection.locale,
  instant,
  limit: selection.limit,
  ...(kinds ? { kinds } : {}),
});

/**
 * What is needed before reading: a localized type (rows are kept per locale; Strapi ignores
 * `locale` on a type without locales) whose rows hold entries, and filters the rows express. Whether
 * the model serves the type is checked with its rows (publicRowsWithState).
 */
const readable = (strapi: Core.Strapi, uid: string, selection: NewestSelection): string[] | null | undefined => {
  const model = strapi.getModel(uid as never) as { pluginOptions?: { i18n?: { localized?: boolean } } } | undefined;
  if (model?.pluginOptions?.i18n?.localized !== true) return undefined;
  // Rows store entries only for the types the projection covers: another's would stay null, and be refreshed at every read.
  if (entryProjectionOf(strapi)?.covers(uid) !== true) return undefined;
  return kindsOf(strapi, uid, selection.filters);
};

/** A row's columns these reads select: its dating columns, its stored entry, its validity. */
const STORED_COLUMNS = ['document_id', ...TIME_COLUMNS, 'entry as stored', 'valid_from', 'valid_until'];

/**
 * The stored entries of these rows, in this order; undefined (and the rows queued for a refresh) when
 * one is out of its validity interval or not computed yet. The row's media base URL is not compared:
 * it only shapes the answer's `meta` (JSON-LD); an entry holds media addresses as Strapi stores them.
 */
const storedAnswers = (strapi: Core.Strapi, uid: string, instant: number, rows: DatedRow[]): StoredEntry[] | undefined =>
  refreshOutdated(strapi, uid, rows, instant, (row) => row.stored !== null)
    ? undefined
    : rows.map((row) => ({
        documentId: row.document_id,
        visibleSince: rowVisibleSince(row) ?? null,
        entry: JSON.parse(row.stored as string) as StoredEntry['entry'],
      }));

/**
 * `query` with its embargo end or schedule at or before the instant. The visibility predicate already
 * says so; said again outside its `or`, it is the upper bound of the column's index range, so the read
 * starts at the instant instead of stepping over every release still under embargo (reading each row
 * to test the other column) before it meets a visible one. Publication has no such bound.
 */
const upToInstant = (query: Knex.QueryBuilder, column: TimeColumn, params: QueryParams): Knex.QueryBuilder =>
  column === 'published_at' ? query : query.where(column, '<=', params.instant as number);

/** Latest first by `column`, then by documentId: the order of the Document Service reads this mirrors. */
const latestFirst = (column: string) => [
  { column, order: 'desc' },
  { column: 'document_id', order: 'asc' },
];

const byVisibleSinceDesc = (a: DatedRow, b: DatedRow) =>
  (rowVisibleSince(b) ?? 0) - (rowVisibleSince(a) ?? 0) || a.document_id.localeCompare(b.document_id);

const byPublicationDesc = (a: DatedRow, b: DatedRow) =>
  Number(b.published_at ?? 0) - Number(a.published_at ?? 0) || (a.document_id < b.document_id ? -1 : a.document_id > b.document_id ? 1 : 0);

/**
 * One read per time column (`readBy` gives its condition and order, each read cut at `limit`), in
 * one statement with the model's state, the rows merged by document, sorted by `order` and cut at
 * `limit`, with their stored entries. The statement is built once per reader, columns and kind
 * filter (`reader` names `readBy`, which sees only the parameters), then only bound.
 */
const storedByTimeColumns = async (
  strapi: Core.Strapi,
  uid: string,
  instant: number,
  selection: NewestSelection,
  reader: {
    name: string;
    params: QueryParams;
    readBy: (query: Knex.QueryBuilder, column: TimeColumn, params: QueryParams) => Knex.QueryBuilder;
  },
  order: (a: DatedRow, b: DatedRow) => number
): Promise<StoredEntry[] | undefined> => {
  const kinds = readable(strapi, uid, selection);
  if (kinds === undefined) return undefined;
  const params: QueryParams = { ...reader.params, ...selectionParams(uid, instant, selection, kinds) };
  // Each column's read keeps its own order, limit and index, as a subquery (SQLite allows no ORDER BY or
  // LIMIT on a member of a UNION: hence `select *` around each). Its rows' stored entries come with them:
  // at most `limit` rows each, read once, where a second statement would find them again.
  const build = (marked: QueryParams): Knex.QueryBuilder => {
    const visible = () => visibleRows(strapi, marked);
    const [first, ...others] = TIME_COLUMNS.map((column) =>
      strapi.db.connection.select('*').from(
        reader
          .readBy(visible().select(STORED_COLUMNS), column, marked)
          .limit(marked.limit as number)
          .as(`by_${column}`)
      )
    );
    return first.unionAll(others);
  };
  const shape = `${reader.name} of ${STORED_COLUMNS.join(' ')}${kinds ? ' of some kinds' : ''}`;
  const rows = await publicRowsWithState<DatedRow>(strapi, uid, { shape, params, build });
  if (rows === undefined) return undefined;
  const seen = new Map<string, DatedRow>();
  for (const row of rows) seen.set(row.document_id, row);
  return storedAnswers(strapi, uid, instant, [...seen.values()].sort(order).slice(0, selection.limit));
};

/**
 * The `limit` versions that became visible most recently, newest first, as `readNewest` in the
 * distribution plugin reads them from the Document Service: the newest `limit` by each time column
 * together hold the newest `limit` by their maximum. Those reads use the
 * `passerelle_read_model_newest` index and the two partial ones (tables.ts).
 */
export const storedNewest = (strapi: Core.Strapi, uid: string, instant: number, selection: NewestSelection) =>
  storedByTimeColumns(
    strapi,
    uid,
    instant,
    selection,
    {
      name: 'newest',
      params: {},
      readBy: (query, column, params) => upToInstant(query.whereNotNull(column), column, params).orderBy(latestFirst(column)),
    },
    byVisibleSinceDesc
  );

/**
 * Up to `limit` versions published, released from embargo or reaching their schedule at or after
 * `since`, by publication (latest first, then documentId): the rows and order of `readPublishedSince`'s
 * Document Service read, before its own filter on the instant each became visible. Each column's
 * range read is cut at `limit` in that order: together they hold the first `limit` of the whole selection.
 */
export const storedPublishedSince = (strapi: Core.Strapi, uid: string, instant: number, since: number, selection: NewestSelection) =>
  storedByTimeColumns(
    strapi,
    uid,
    instant,
    selection,
    {
      name: 'published since',
      params: { since },
      readBy: (query, column, params) => {
        const inRange = upToInstant(query.where(column, '>=', params.since), column, params);
        if (column === 'published_at') return inRange.orderBy(latestFirst('published_at'));
        // `+published_at` is not the index's column: the few rows with an embargo end or a schedule are found
        // through their partial index, then sorted. Ordered by the bare column, SQLite walked the whole list in
        // publication order to meet them (10 ms a read at 50,000 articles, against 0.3 ms).
        return inRange.orderByRaw('+?? desc, ?? asc', ['published_at', 'document_id']);
      },
    },
    byPublicationDesc
  );

/**
 * Up to `limit` versions whose range of dates starts after `today` (a day, YYYY-MM-DD, in the site's
 * time zone), soonest first, then by documentId: what the digest's upcoming section reads from the
 * Document Service (`field` greater than today, sorted by it). Only for a type whose range starts
 * with `field` (the rows store that day), through `passerelle_read_model_starts_on`.
 */
export const storedUpcoming = async (
  strapi: Core.Strapi,
  uid: string,
  instant: number,
  upcoming: { field: string; today: string },
  selection: NewestSelection
): Promise<StoredEntry[] | undefined> => {
  if (calendarRangeOf(strapi, uid)?.from !== upcoming.field) return undefined;
  const kinds = readable(strapi, uid, selection);
  if (kinds === undefined) return undefined;
  const soonestFirst = [
    { column: 'starts_on', order: 'asc' as const },
    { column: 'document_id', order: 'asc' as const },
  ];
  const columns = [...STORED_COLUMNS, 'starts_on'];
  const rows = await publicRowsWithState<DatedRow>(
    strapi,
    uid,
    {
      shape: `upcoming of ${columns.join(' ')}${kinds ? ' of some kinds' : ''}`,
      params: { ...selectionParams(uid, instant, selection, kinds), today: upcoming.today },
      build: (marked) =>
        visibleRows(strapi, marked)
          .select(columns)
          .where('starts_on', '>', marked.today)
          .orderBy(soonestFirst)
          .limit(marked.limit as number),
    },
    soonestFirst
  );
  return rows && storedAnswers(strapi, uid, instant, rows);
};
