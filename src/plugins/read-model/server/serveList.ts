import type { Core } from '@strapi/strapi';
import { pagination as strapiPagination } from '@strapi/utils';
import type { Knex } from 'knex';
import { now } from '../../../lib/clock/clock';
import { isSqlite } from '../../../lib/database/dialect';
import { compiledQuery, compiledQueryChecksOf, type QueryParams } from '../../../lib/database/compiledQueries';
import { localeMeta, type LocaleQuery } from '../../../lib/locales/localeQuery';
import { fallbackSortKeys, mergeFallbackPage } from '../../../lib/lists/mergeFallbackPage';
import { pageWindow } from '../../../lib/lists/pageWindow';
import { storedFilterOf, type StoredFilter } from '../../../lib/readModel/storedFilter';
import { storedOrderOf } from '../../../lib/readModel/storedOrder';
import type { StoredWindowOrder } from '../../../lib/readModel/storedReads';
import { eligibleForReadModel, modelServes, refreshOutdated, servesType, visibleAt } from './serve';
import { stateOf } from './pluginState';
import type { ServingState } from './writeLog';
import type { RememberedList } from './pluginState';
import { readModelSettings } from './settings';
import { table } from './strapiInternals';
import { ROWS_TABLE } from './tables';
import { isRecord } from '../../../lib/validation/isRecord';

type Context = Parameters<Core.MiddlewareHandler>[0];
/** A stored item's JSON: as text, or on SQLite as the UTF-8 bytes it is stored as (see `rowColumns`). */
type StoredItem = string | Buffer;
type ListRow = {
  document_id: string;
  data: StoredItem | null;
  document_ids: string | null;
  valid_from: number | string | null;
  valid_until: number | string | null;
  media_base_url: string;
};

/**
 * The only query parameters a stored list page covers: the default order or the publication order
 * (`storedOrderOf`), Strapi's page/pageSize pagination, and a filter the rows can answer (see
 * `restStoredFilterOf`).
 */
export const LIST_PARAMS: ReadonlySet<string> = new Set(['locale', 'fallback', 'pagination', 'filters', 'sort']);
const PAGE_KEYS: ReadonlySet<string> = new Set(['page', 'pageSize']);

export type { StoredFilter };

/**
 * The stored filter of a REST list (`storedFilterOf`: `filters[slug][$eq]=…`, or `filters[kind][$eq]=…`),
 * on a type with that field; a kind only among its enumeration's values, so that what the lists
 * remember per filter stays bounded. Undefined for no filter and for any other.
 */
export const restStoredFilterOf = (strapi: Core.Strapi, uid: string, ctx: Context): StoredFilter | undefined => {
  const filter = storedFilterOf((ctx.query as Record<string, unknown>).filters, '$eq');
  if (!filter) return undefined;
  if (filter.field === 'kind') return isKindOf(strapi, uid, filter.value) ? filter : undefined;
  const model = strapi.getModel(uid as never) as { attributes: Record<string, unknown> } | undefined;
  return model?.attributes.slug ? filter : undefined;
};

/** One of the values of the type's `kind` enumeration: lists remember a count per kind, so only those are served. */
const isKindOf = (strapi: Core.Strapi, uid: string, value: string): boolean => {
  const model = strapi.getModel(uid as never) as { attributes: Record<string, { type?: string; enum?: string[] }> } | undefined;
  const attribute = model?.attributes.kind;
  return attribute?.type === 'enumeration' && Boolean(attribute.enum?.includes(value));
};

/**
 * True when a list read may be answered from the model: what `eligibleForReadModel` asks of any read,
 * a `pagination` that holds only `page` and `pageSize` (no `start`/`limit`, no `withCount`), no
 * filter but one the rows answer, and no sort but the publication order.
 */
export const eligibleListRead = (strapi: Core.Strapi, uid: string, ctx: Context): boolean => {
  if (!eligibleForReadModel(strapi, uid, ctx, LIST_PARAMS)) return false;
  const query = ctx.query as Record<string, unknown>;
  if (query.filters !== undefined && restStoredFilterOf(strapi, uid, ctx) === undefined) return false;
  if (storedOrderOf(query.sort) === undefined) return false;
  const given = query.pagination;
  if (given === undefined) return true;
  if (!isRecord(given)) return false;
  return Object.keys(given).every((key) => PAGE_KEYS.has(key));
};

/**
 * The window Strapi's core `find` service cuts (`getPaginationInfo` in @strapi/core
 * core-api/service/pagination.js, 5.54.0), computed with the same @strapi/utils function and the
 * same configuration; undefined where Strapi would refuse it, so the slow path gives Strapi's error.
 */
const strapiWindow = (strapi: Core.Strapi, given: unknown) => {
  // Read as Strapi reads them: either may be a string in a configuration built from env.
  const configuredDefault: unknown = strapi.config.get('api.rest.defaultLimit');
  const defaultLimit = Number(configuredDefault === undefined ? 25 : configuredDefault);
  const maxLimit = Number(strapi.config.get('api.rest.maxLimit')) || null;
  try {
    const { start, limit } = strapiPagination.withDefaultPagination(given ?? {}, {
      defaults: { offset: { limit: defaultLimit }, page: { pageSize: defaultLimit } },
      maxLimit: maxLimit || -1,
    });
    return Number.isInteger(start) && start >= 0 && Number.isInteger(limit) && limit >= 1 ? { start, limit } : undefined;
  } catch {
    return undefined;
  }
};

const baseUrlOf = (strapi: Core.Strapi, ctx: Context) => strapi.config.get<string>('server.url', '') || ctx.request.origin;

/** The rows of served types in one locale that the public may see at `instant`: the visibility predicate, always. */
const rowsOf = (strapi: Core.Strapi, uid: string, locale: string): Knex.QueryBuilder =>
  table(strapi, strapi.db.connection, ROWS_TABLE).where({ uid, locale });

const visibleRows = (strapi: Core.Strapi, uid: string, locale: string, instant: number): Knex.QueryBuilder =>
  visibleAt(rowsOf(strapi, uid, locale), instant);

/**
 * The rows of a list, all of a locale or one kind's, and the key its readings are remembered under
 * (see `rememberedList`). A kind's list reads its own indexes (`passerelle_read_model_kind_order`, and
 * `passerelle_read_model_kind_publication` in publication order).
 */
const listOf = (strapi: Core.Strapi, uid: string, locale: string, kind: string | undefined) => {
  /** What selects the list's rows, as parameters of a compiled query (lib/database/compiledQueries.ts). */
  const params: QueryParams = { uid, locale, ...(kind === undefined ? {} : { kind }) };
  /** The list's rows from those parameters, or from their markers. */
  const selectionOf = (values: QueryParams) => {
    const rows = rowsOf(strapi, values.uid as string, values.locale as string);
    return 'kind' in values ? rows.where({ kind: values.kind }) : rows;
  };
  return {
    selection: () => selectionOf(params),
    key: [uid, locale, ...(kind === undefined ? [] : ['kind', kind])].join('\u0000'),
    params,
    selectionOf,
  };
};

/** A page as stored: each item's JSON, the documents they show (in order), and the answer's `meta`. */
export type StoredList = { items: StoredItem[]; documentIds: string[]; meta: Record<string, unknown> };

const textOf = (item: StoredItem): string => (typeof item === 'string' ? item : item.toString('utf8'));
const bytesOf = (item: StoredItem): Buffer => (typeof item === 'string' ? Buffer.from(item) : item);

/** The page as Strapi's list answers it, parsed (what a controller returns). */
export const listAnswer = ({ items, meta }: StoredList) => ({ data: items.map((item) => JSON.parse(textOf(item)) as unknown), meta });

const COMMA = Buffer.from(',');
/**
 * The page's bytes, without parsing the stored items: the same bytes as `JSON.stringify(listAnswer(list))`,
 * since each item is `JSON.stringify` of its data and an answer's keys are `data` then `meta`.
 */
export const listBytes = ({ items, meta }: StoredList): Buffer =>
  Buffer.concat([
    Buffer.from('{"data":['),
    ...items.flatMap((item, index) => (index === 0 ? [bytesOf(item)] : [COMMA, bytesOf(item)])),
    Buffer.from(`],"meta":${JSON.stringify(meta)}}`),
  ]);

/**
 * The stored items of these rows, in order, and the documents they show; undefined (and the rows
 * queued for a refresh) when one is out of its validity interval or not computed yet, or was computed
 * for another public URL.
 */
const storedItems = (
  strapi: Core.Strapi,
  ctx: Context,
  uid: string,
  rows: ListRow[],
  instant: number
): Pick<StoredList, 'items' | 'documentIds'> | undefined => {
  if (refreshOutdated(strapi, uid, rows, instant, (row) => row.data !== null && row.document_ids !== null)) return undefined;
  const baseUrl = baseUrlOf(strapi, ctx);
  if (rows.some((row) => row.media_base_url !== baseUrl)) return undefined;
  const documentIds = new Set<string>();
  for (const row of rows) for (const id of (row.document_ids as string).split(' ')) if (id) documentIds.add(id);
  return { items: rows.map((row) => row.data as StoredItem), documentIds: [...documentIds] };
};

/**
 * The columns a page reads. On SQLite the stored JSON comes as the UTF-8 bytes it is stored as (a
 * cast to BLOB keeps them): 25 items of a page were decoded into strings, joined, and encoded back.
 */
const rowColumns = (strapi: Core.Strapi): Array<string | Knex.Raw> => [
  'document_id',
  isSqlite(strapi) ? strapi.db.connection.raw('CAST(data AS BLOB) AS data') : 'data',
  'document_ids',
  'valid_from',
  'valid_until',
  'media_base_url',
];

const countOf = async (query: Knex.QueryBuilder): Promise<number> => {
  const [{ total }] = await query.count<Array<{ total: number | string }>>({ total: '*' });
  return Number(total);
};

/**
 * The instants around `instant` at which the visible count of `selection` can change with no write:
 * the latest embargo end or schedule passed, and the next one ahead.
 */
const countWindow = async (strapi: Core.Strapi, selection: Knex.QueryBuilder, instant: number) => {
  const raw = (sql: string) => strapi.db.connection.raw(sql, [instant]);
  const row = (await selection
    .select(
      raw('min(case when embargo_until > ? then embargo_until end) as next_embargo'),
      raw('min(case when visible_from > ? then visible_from end) as next_visible'),
      raw('max(case when embargo_until <= ? then embargo_until end) as last_embargo'),
      raw('max(case when visible_from <= ? then visible_from end) as last_visible')
    )
    .first()) as Record<string, number | string | null>;
  const instants = (...values: Array<number | string | null>) => values.filter((value) => value !== null).map(Number);
  const next = instants(row.next_embargo, row.next_visible);
  const last = instants(row.last_embargo, row.last_visible);
  return { from: last.length > 0 ? Math.max(...last) : -Infinity, until: next.length > 0 ? Math.min(...next) : Infinity };
};

/** What remembered reads of the model hold for: its epoch and generation, and the instants from `from` to before `until`. */
type RememberedFor = { epoch: number; generation: number; from: number; until: number };

/**
 * What `memo` holds under `key` while it still holds (the model at the same epoch and generation, the
 * clock inside the window `countWindow` gave of `selection`), else a fresh reading, remembered: the
 * window and the model's state, with what `read` adds.
 */
export const rememberedFor = async <T extends RememberedFor>(
  strapi: Core.Strapi,
  memo: Map<string, T>,
  key: string,
  served: ServingState,
  selection: () => Knex.QueryBuilder,
  instant: number,
  read: () => Promise<Omit<T, keyof RememberedFor>>
): Promise<T> => {
  const known = memo.get(key);
  if (known?.epoch === served.epoch && known.generation === served.generation && instant >= known.from && instant < known.until)
    return known;
  const fresh = { ...served, ...(await countWindow(strapi, selection(), instant)), ...(await read()) } as T;
  memo.set(key, fresh);
  return fresh;
};

/**
 * The `entry_id` at every `spacing`-th visible row of `selection` in list order (positions `spacing`,
 * `2 × spacing`…): one read of the list's index, as long as one count.
 */
const checkpointsOf = async (strapi: Core.Strapi, selection: Knex.QueryBuilder, instant: number, spacing: number): Promise<number[]> => {
  const connection = strapi.db.connection;
  const ranked = visibleAt(selection, instant)
    .select('entry_id', connection.raw('row_number() over (order by entry_id) as position'))
    .as('ranked');
  // Put in order here: an ORDER BY on the window's column would sort its rows in a temporary b-tree.
  const rows = await connection
    .select<Array<{ entry_id: number | string; position: number | string }>>('entry_id', 'position')
    .from(ranked)
    .whereRaw('position % ? = 0', [spacing]);
  return rows.sort((a, b) => Number(a.position) - Number(b.position)).map((row) => Number(row.entry_id));
};

/**
 * The visible count of `selection` at `instant`, remembered, and on a deep page its checkpoints: a
 * count scans every row of a type and locale, and so does an `OFFSET` deep into the list, so a deep
 * list at 50,000 articles would pay for them on every page. Both hold while the model is at the same
 * epoch and generation (every refresh of rows counts the generation up, in its own transaction, so no
 * row has changed) and the clock is inside the window where no embargo end or schedule among the rows
 * is passed: the visible rows, and so their positions, are the same.
 */
const rememberedList = async (
  strapi: Core.Strapi,
  served: ServingState,
  key: string,
  selection: () => Knex.QueryBuilder,
  instant: number,
  checkpointSpacing: number | undefined
): Promise<RememberedList> => {
  const known = await rememberedFor(strapi, stateOf(strapi).lists, key, served, selection, instant, async () => ({
    total: await countOf(visibleAt(selection(), instant)),
  }));
  if (checkpointSpacing !== undefined && known.checkpoints?.spacing !== checkpointSpacing) {
    known.checkpoints = { spacing: checkpointSpacing, entryIds: await checkpointsOf(strapi, selection(), instant, checkpointSpacing) };
  }
  return known;
};

/**
 * Where a page at `start` begins reading: after the nearest checkpoint at or before it, skipping the
 * rows between (fewer than `spacing`), or from the first row.
 */
const pageStart = (start: number, remembered: RememberedList): { after?: number; skip: number } => {
  const checkpoints = remembered.checkpoints;
  if (!checkpoints) return { skip: start };
  const passed = Math.min(Math.floor(start / checkpoints.spacing), checkpoints.entryIds.length);
  return passed === 0 ? { skip: start } : { after: checkpoints.entryIds[passed - 1], skip: start - passed * checkpoints.spacing };
};

/**
 * Whether the model is built for the configuration this process serves (else every read takes the
 * slow path), and the type is localized: rows are kept per locale, and Strapi ignores `locale` on the
 * lists of a type without locales.
 */
const servable = async (strapi: Core.Strapi, uid: string, requires: readonly string[]): Promise<ServingState | undefined> => {
  const model = strapi.getModel(uid as never) as { pluginOptions?: { i18n?: { localized?: boolean } } } | undefined;
  if (model?.pluginOptions?.i18n?.localized !== true) return undefined;
  return modelServes(strapi, requires);
};

/**
 * A page of the list filtered by slug: the visible rows holding it (on the slug index, under the
 * visibility predicate), in Strapi's default order, and their count. Every one is counted, so a slug
 * two documents share is answered as Strapi answers it.
 */
const storedSlugList = async (
  strapi: Core.Strapi,
  uid: string,
  ctx: Context,
  locale: LocaleQuery,
  window: { start: number; limit: number },
  order: StoredWindowOrder,
  slug: string,
  instant: number
): Promise<StoredList | undefined> => {
  const matching = () => visibleRows(strapi, uid, locale.requested, instant).where({ slug });
  const page = matching().select(rowColumns(strapi));
  const rows = (await (order === 'default' ? page.orderBy('entry_id', 'asc') : byPublication(page, order))
    .offset(window.start)
    .limit(window.limit)) as ListRow[];
  const stored = storedItems(strapi, ctx, uid, rows, instant);
  if (!stored) return undefined;
  return {
    ...stored,
    meta: {
      pagination: strapiPagination.transformPagedPaginationInfo(window, await countOf(matching())),
      locale: localeMeta(locale.requested, locale.requested),
    },
  };
};

/**
 * One page of `GET /api/<type>?locale=` in Strapi's default order (the published entry's id,
 * ascending: Strapi appends `id ASC` to every paginated query), from stored rows: one indexed query
 * for the page and one count, both under the visibility predicate, the count (and a deep page's
 * starting point) remembered until a write or a visibility instant changes them; the same for one
 * kind (`filters[kind][$eq]`), and a slug's page on its own. Undefined whenever the model cannot
 * answer exactly (not built for this configuration, a row on the page out of its validity
 * interval or not yet computed, another public URL); the caller takes the Document Service path.
 */
export const storedList = async (
  strapi: Core.Strapi,
  uid: string,
  ctx: Context,
  locale: LocaleQuery,
  pagination: unknown,
  requires: readonly string[] = []
): Promise<StoredList | undefined> => {
  const served = await servable(strapi, uid, requires);
  if (!served) return undefined;
  if (!strapi.config.get('api.rest.withCount', true)) return undefined;
  const window = strapiWindow(strapi, pagination);
  if (!window) return undefined;
  const instant = now().getTime();
  const order = storedOrderOf((ctx.query as Record<string, unknown>).sort);
  if (!order) return undefined;
  const filter = restStoredFilterOf(strapi, uid, ctx);
  if (filter?.field === 'slug') return storedSlugList(strapi, uid, ctx, locale, window, order, filter.value, instant);
  // A kind's list is remembered as a list of its own: its count, and its checkpoints on the kind's index.
  const list = listOf(strapi, uid, locale.requested, filter?.value);
  const { total } = await rememberedList(strapi, served, list.key, list.selection, instant, undefined);
  const rows = await pageRowsOf<ListRow>(strapi, served, list, instant, window, order, rowColumns(strapi));
  const stored = storedItems(strapi, ctx, uid, rows, instant);
  if (!stored) return undefined;
  return {
    ...stored,
    meta: {
      pagination: strapiPagination.transformPagedPaginationInfo(window, total),
      locale: localeMeta(locale.requested, locale.requested),
    },
  };
};

/**
 * One page of a fallback list (`?locale=<other>&fallback=true`) from stored rows, chosen as
 * public-api's `fallbackPage` chooses it: each locale's visible rows in document order, as far as the
 * page reaches, the default locale's without the documents published in the requested one (a row in
 * that locale, visible or not: the slow path's subquery holds the publication state only), merged by
 * the same `mergeFallbackPage`, and the total as two counts. Every query carries the visibility
 * predicate except that subquery, as on the slow path.
 */
export const storedFallbackList = async (
  strapi: Core.Strapi,
  uid: string,
  ctx: Context,
  locale: LocaleQuery,
  pagination: unknown,
  requires: readonly string[] = []
): Promise<StoredList | undefined> => {
  // A filtered or sorted fallback page merges two such selections: the Document Service path answers it.
  const query = ctx.query as Record<string, unknown>;
  if (query.filters !== undefined || storedOrderOf(query.sort) !== 'default') return undefined;
  const served = await servable(strapi, uid, requires);
  if (!served) return undefined;
  const window = pageWindow(pagination, strapi.config.get<{ defaultLimit?: number; maxLimit?: number }>('api.rest'));
  const reach = window.start + window.limit;
  const instant = now().getTime();
  const publishedInRequested = table(strapi, strapi.db.connection, ROWS_TABLE)
    .select('document_id')
    .where({ uid, locale: locale.requested });
  const requested = () => visibleRows(strapi, uid, locale.requested, instant);
  const onlyInDefault = () => visibleRows(strapi, uid, locale.defaultLocale, instant).whereNotIn('document_id', publishedInRequested);
  const inOrder = async (query: Knex.QueryBuilder) =>
    ((await query.select('document_id').orderBy('document_id', 'asc').limit(reach)) as Array<{ document_id: string }>).map((row) => ({
      documentId: row.document_id,
    }));
  const keys = fallbackSortKeys(undefined);
  const { entries } = mergeFallbackPage(
    await inOrder(requested()),
    await inOrder(onlyInDefault()),
    locale.requested,
    locale.defaultLocale,
    keys,
    window
  );
  const byKey = new Map<string, ListRow>();
  for (const code of [locale.requested, locale.defaultLocale]) {
    const documentIds = entries.filter((entry) => entry.locale === code).map((entry) => entry.documentId);
    if (documentIds.length === 0) continue;
    const rows = (await visibleRows(strapi, uid, code, instant)
      .select(rowColumns(strapi))
      .whereIn('document_id', documentIds)) as ListRow[];
    for (const row of rows) byKey.set(`${code}:${row.document_id}`, row);
  }
  const rows = entries.map((entry) => byKey.get(`${entry.locale}:${entry.documentId}`));
  if (rows.some((row) => !row)) return undefined;
  const stored = storedItems(strapi, ctx, uid, rows as ListRow[], instant);
  if (!stored) return undefined;
  const total = (await countOf(requested())) + (await countOf(onlyInDefault()));
  const fallbackDocuments = entries.filter((entry) => entry.locale !== locale.requested).map((entry) => entry.documentId);
  return {
    ...stored,
    meta: {
      pagination: window.pagination(total),
      locale: { ...localeMeta(locale.requested, locale.requested), fallback: fallbackDocuments.length > 0, fallbackDocuments },
    },
  };
};

type WindowRow = { document_id: string; data: StoredItem | null; valid_from: number | string | null; valid_until: number | string | null };

/** Strapi's publication order: `published_at`, then the entry's id ascending, as its query builder appends it. */
const byPublication = (query: Knex.QueryBuilder, order: Exclude<StoredWindowOrder, 'default'>): Knex.QueryBuilder =>
  query.orderBy('published_at', order === 'publishedAt:asc' ? 'asc' : 'desc').orderBy('entry_id', 'asc');

/**
 * One page of a list (a locale's rows, or one kind's) in `order`, under the visibility predicate: in
 * Strapi's default order from the nearest remembered checkpoint, or by publication, the page's rows
 * chosen from the index first (`passerelle_read_model_publication`, in this order with the visibility
 * columns: the rows skipped are read from it alone; in one statement SQLite sorted ties by entry_id in
 * a temporary b-tree that carried each skipped row's stored JSON: 2 ms at page 10 of 10,000).
 */
const pageRowsOf = async <Row>(
  strapi: Core.Strapi,
  served: ServingState,
  list: ReturnType<typeof listOf>,
  instant: number,
  window: { start: number; limit: number },
  order: StoredWindowOrder,
  columns: Array<string | Knex.Raw>
): Promise<Row[]> => {
  const { selection, key } = list;
  const visible = () => visibleAt(selection(), instant);
  if (order !== 'default') {
    const chosen = byPublication(visible().select('id'), order).offset(window.start).limit(window.limit);
    return (await byPublication(visible().select(columns).whereIn('id', chosen), order)) as Row[];
  }
  const spacing = readModelSettings(strapi).listCheckpointSpacing;
  const { after, skip } =
    window.start >= spacing
      ? pageStart(window.start, await rememberedList(strapi, served, key, selection, instant, spacing))
      : { after: undefined, skip: window.start };
  // Built once per kind of list, columns and start (knex would build and compile it on every read), then bound.
  // knex writes no OFFSET for 0: a skip or a checkpoint is a parameter only when there is one.
  const params: QueryParams = {
    ...list.params,
    instant,
    limit: window.limit,
    ...(skip > 0 ? { skip } : {}),
    ...(after !== undefined ? { after } : {}),
  };
  const columnsShape = columns.map((column) => (typeof column === 'string' ? column : column.toQuery())).join(', ');
  return compiledQuery<Row>(
    strapi.db.connection,
    `list page of ${columnsShape}`,
    params,
    (marked) => {
      const page = visibleAt(list.selectionOf(marked), marked.instant as number)
        .select(columns)
        .orderBy('entry_id', 'asc')
        .limit(marked.limit as number);
      if ('skip' in marked) void page.offset(marked.skip as number);
      if ('after' in marked) void page.where('entry_id', '>', marked.after);
      return page;
    },
    compiledQueryChecksOf(strapi)
  );
};

/**
 * For GraphQL's `pageInfo`: how many published versions of one locale the Public sees now, as a list
 * page's `meta.pagination.total` counts them (remembered per generation and clock window).
 */
export const storedCount = async (strapi: Core.Strapi, uid: string, locale: string, kind?: string): Promise<number | undefined> => {
  if (!servesType(strapi, uid) || (kind !== undefined && !isKindOf(strapi, uid, kind))) return undefined;
  const served = await servable(strapi, uid, []);
  if (!served) return undefined;
  const { selection, key } = listOf(strapi, uid, locale, kind);
  return (await rememberedList(strapi, served, key, selection, now().getTime(), undefined)).total;
};

/**
 * `limit` stored items of one locale from `start`, in `order`, as the Document Service's `findMany`
 * with that window gives them to the Public (for GraphQL's lists: Strapi's query builder appends
 * `id ASC` to every paginated read, so the order is total). Under the visibility predicate; a deep
 * page in the default order starts from the list's remembered checkpoints. Undefined whenever the
 * model cannot answer exactly (not built for this configuration, a row out of its validity interval
 * or not computed yet: queued for a refresh); the caller takes the Document Service path.
 */
export const storedWindow = async (
  strapi: Core.Strapi,
  uid: string,
  locale: string,
  window: { start: number; limit: number },
  order: StoredWindowOrder,
  kind?: string
): Promise<string[] | undefined> => {
  if (!servesType(strapi, uid) || (kind !== undefined && !isKindOf(strapi, uid, kind))) return undefined;
  const served = await servable(strapi, uid, []);
  if (!served) return undefined;
  const instant = now().getTime();
  const columns = ['document_id', 'data', 'valid_from', 'valid_until'];
  const rows = await pageRowsOf<WindowRow>(strapi, served, listOf(strapi, uid, locale, kind), instant, window, order, columns);
  if (refreshOutdated(strapi, uid, rows, instant, (row) => row.data !== null)) return undefined;
  return rows.map((row) => textOf(row.data as StoredItem));
};
