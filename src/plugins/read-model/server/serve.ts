import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { now } from '../../../lib/clock/clock';
import { localeMeta, type LocaleQuery } from '../../../lib/locales/localeQuery';
import { COMPUTING_ROW } from './computeRow';
import { readModelSettings } from './settings';
import { table } from './strapiInternals';
import { ROWS_TABLE } from './tables';
import { stateOf } from './pluginState';
import { servingState, servingStateOf, servingStateQuery, type ServingState, type ServingStateColumns } from './writeLog';
import { publicRoleHolds } from './publicPermissions';
import { documentIdsIn } from '../../../lib/output/documentIds';
import { holdsNul } from '../../../lib/validation/nulCharacters';
import { compiledQuery, compiledQueryChecksOf, type QueryParams } from '../../../lib/database/compiledQueries';

type Context = Parameters<Core.MiddlewareHandler>[0];
type Row = {
  document_id: string;
  data: string | null;
  meta: string | null;
  valid_from: number | string | null;
  valid_until: number | string | null;
  media_base_url: string;
  document_ids: string | null;
};

/** What this app's plugin shares with the serving side once booted (pluginState.ts): undefined before bootstrap and after destroy. */
export const runtimeOf = (strapi: Core.Strapi) => stateOf(strapi).runtime;

/** The only query parameters a stored detail answer covers. */
export const DETAIL_PARAMS: ReadonlySet<string> = new Set(['locale', 'fallback']);

/** The plugin is running, enabled, serving, and keeps rows of `uid`. */
export const servesType = (strapi: Core.Strapi, uid: string): boolean => {
  const settings = readModelSettings(strapi);
  return Boolean(runtimeOf(strapi)) && settings.enabled && settings.serve && settings.contentTypes.includes(uid);
};

/**
 * True when the model may answer this request exactly as the Document Service path would: a reader
 * with no credentials (the Public role), Strapi's default response format, no parameter beyond
 * `allowed` (so no `populate`, `fields`, `filters`, `sort` or `status`), on a served type.
 */
export const eligibleForReadModel = (strapi: Core.Strapi, uid: string, ctx: Context, allowed: ReadonlySet<string>): boolean => {
  if (ctx.state[COMPUTING_ROW] || !servesType(strapi, uid)) return false;
  const headers = ctx.request.headers;
  if (headers.authorization || headers['strapi-response-format'] || headers['strapi-encode-source-maps']) return false;
  if ((ctx.state.auth as { credentials?: unknown } | undefined)?.credentials) return false;
  return Object.keys(ctx.query as Record<string, unknown>).every((key) => allowed.has(key));
};

/**
 * True when the model holds every row of `uid` as the Document Service would give it (a served type,
 * built for this configuration, no write around it), for reads made outside a REST read of the type:
 * the sitemap, feeds and digest, which check their reader themselves.
 */
export const servesPublicReadsOf = async (strapi: Core.Strapi, uid: string): Promise<boolean> =>
  servesType(strapi, uid) && Boolean(await modelServes(strapi, []));

/**
 * The rows `rows` finds (a query on the model's rows, the visibility predicate in it) joined to the
 * model's state row, in one statement: one round trip, and one snapshot on PostgreSQL. Every row
 * carries the state's columns; with no row found, the state comes alone, the rows' columns null. The
 * rows are a materialized CTE: joined as a subquery, SQLite flattened the detail's version into the
 * join and took 94 µs a lookup on the 10,000 dataset against 26 as a CTE (the read alone: 27).
 * `joinRaw`: knex would put Strapi's schema before the CTE's name in a `leftJoin` (PostgreSQL with
 * DATABASE_SCHEMA). `order` sorts the rows again outside the join, which keeps no order.
 */
const servingStateJoin = (
  strapi: Core.Strapi,
  rows: Knex.QueryBuilder,
  order: Array<{ column: string; order: 'asc' | 'desc' }> = []
): Knex.QueryBuilder => {
  // Each row is a stored version of a document (`version`: the detail's read-model-early-answers test reads the plan).
  const query = servingStateQuery(strapi)
    .withMaterialized('version', rows)
    .select('version.*')
    .joinRaw('left join ?? on 1 = 1', ['version']);
  for (const { column, order: direction } of order) void query.orderBy(`version.${column}`, direction);
  return query;
};

/**
 * Rows read by a statement built once per shape (lib/database/compiledQueries.ts): `build` gets
 * markers for `params`, and `shape` names everything else it depends on.
 */
export type RowsOfShape = { shape: string; params: QueryParams; build: (params: QueryParams) => Knex.QueryBuilder };

const withServingState = async <R>(
  strapi: Core.Strapi,
  rows: Knex.QueryBuilder | RowsOfShape,
  order: Array<{ column: string; order: 'asc' | 'desc' }> = []
): Promise<Array<R & ServingStateColumns>> => {
  if (!('shape' in rows)) return (await servingStateJoin(strapi, rows, order)) as Array<R & ServingStateColumns>;
  const { shape, params, build } = rows;
  return compiledQuery<R & ServingStateColumns>(
    strapi.db.connection,
    `serving state, ${JSON.stringify(order)}, ${shape}`,
    params,
    (marked) => servingStateJoin(strapi, build(marked), order),
    compiledQueryChecksOf(strapi)
  );
};

/**
 * The rows `rows` finds, read with the model's state (withServingState); undefined when the model does
 * not serve `uid` for this process's configuration (servesPublicReadsOf).
 */
export const publicRowsWithState = async <R extends { document_id: string | null }>(
  strapi: Core.Strapi,
  uid: string,
  rows: Knex.QueryBuilder | RowsOfShape,
  order: Array<{ column: string; order: 'asc' | 'desc' }> = []
): Promise<R[] | undefined> => {
  const runtime = runtimeOf(strapi);
  if (!runtime || !servesType(strapi, uid)) return undefined;
  const joined = await withServingState<R>(strapi, rows, order);
  if (!servingStateOf(joined[0], runtime.fingerprint)) return undefined;
  return joined.filter((row) => row.document_id !== null);
};

/** Instants are stored as milliseconds; PostgreSQL's bigint comes back as a string. */
export const storedTime = (value: number | string | null): number | undefined => (value === null ? undefined : Number(value));

/**
 * When the public could first read a stored version: the latest of its publication, embargo end and
 * schedule (`visibleSince` in src/lib/visibility, on the row's columns).
 */
export const rowVisibleSince = (row: {
  published_at: number | string | null;
  embargo_until: number | string | null;
  visible_from: number | string | null;
}): number | undefined =>
  [row.published_at, row.embargo_until, row.visible_from]
    .map(storedTime)
    .reduce<number | undefined>(
      (latest, time) => (time === undefined || (latest !== undefined && latest >= time) ? latest : time),
      undefined
    );

/**
 * The visibility rule on stored rows, for the Public role at `instant`: published (only published
 * versions have rows), embargo and schedule passed. Part of every query that serves a row.
 */
export const visibleAt = (query: Knex.QueryBuilder, instant: number): Knex.QueryBuilder =>
  query
    .where((q) => {
      void q.whereNull('embargo_until').orWhere('embargo_until', '<=', instant);
    })
    .where((q) => {
      void q.whereNull('visible_from').orWhere('visible_from', '<=', instant);
    });

type Validity = { valid_from: number | string | null; valid_until: number | string | null };

/** Whether a row's stored answer holds at `instant`: inside the interval in which it needs no write. */
export const holdsAt = (row: Validity, instant: number): boolean =>
  !(row.valid_until !== null && Number(row.valid_until) <= instant) && !(row.valid_from !== null && Number(row.valid_from) > instant);

/**
 * Queues for a refresh the rows that cannot be served at `instant` (`computed` false: not computed
 * yet; or outside their validity interval), and tells whether there were any: the caller then takes
 * the Document Service path.
 */
export const refreshOutdated = <R extends Validity & { document_id: string }>(
  strapi: Core.Strapi,
  uid: string,
  rows: R[],
  instant: number,
  computed: (row: R) => boolean
): boolean => {
  const outdated = rows.filter((row) => !computed(row) || !holdsAt(row, instant));
  if (outdated.length > 0) runtimeOf(strapi)?.refreshLater(outdated.map((row) => ({ uid, documentId: row.document_id })));
  return outdated.length > 0;
};

export type Lookup = { documentId: string } | { slug: string };
type Found = { kind: 'row'; row: Row } | { kind: 'none' } | { kind: 'unknown' };

const baseUrlOf = (strapi: Core.Strapi, ctx: Context) => strapi.config.get<string>('server.url', '') || ctx.request.origin;

/**
 * The published version of `lookup` in `locale` the Public may see at `instant`: the visibility
 * predicate, always. Built once per kind of lookup (by documentId or by slug), then only bound.
 */
const visibleVersion = (strapi: Core.Strapi, uid: string, lookup: Lookup, locale: string, instant: number): RowsOfShape => {
  const byDocument = 'documentId' in lookup;
  return {
    shape: `version by ${byDocument ? 'documentId' : 'slug'}`,
    params: { uid, locale, key: byDocument ? lookup.documentId : lookup.slug, instant },
    build: (marked) =>
      visibleAt(
        table(strapi, strapi.db.connection, ROWS_TABLE)
          .select('document_id', 'data', 'meta', 'document_ids', 'valid_from', 'valid_until', 'media_base_url')
          .where({ uid: marked.uid, locale: marked.locale })
          .where(byDocument ? 'document_id' : 'slug', marked.key as string),
        marked.instant as number
      ),
  };
};

/** What the rows found say: none, one row the model may answer from, or anything else (the Document Service path answers). */
const foundIn = (strapi: Core.Strapi, uid: string, ctx: Context, rows: Row[], instant: number): Found => {
  if (rows.length === 0) return { kind: 'none' };
  if (rows.length > 1) return { kind: 'unknown' };
  const [row] = rows;
  if (refreshOutdated(strapi, uid, rows, instant, (one) => one.data !== null && one.meta !== null)) return { kind: 'unknown' };
  return row.media_base_url === baseUrlOf(strapi, ctx) ? { kind: 'row', row } : { kind: 'unknown' };
};

const findVisible = async (
  strapi: Core.Strapi,
  uid: string,
  ctx: Context,
  lookup: Lookup,
  locale: string,
  instant: number
): Promise<Found> => {
  const { shape, params, build } = visibleVersion(strapi, uid, lookup, locale, instant);
  const rows = await compiledQuery<Row>(strapi.db.connection, shape, params, build, compiledQueryChecksOf(strapi));
  return foundIn(strapi, uid, ctx, rows, instant);
};

export type StoredDetail = { answer: { data: unknown; meta: Record<string, unknown> } } | { notFound: true };
/** A stored detail as the bytes `JSON.stringify` would give its answer, and the documents it shows. */
export type StoredDetailText = { text: string; documentIds: string[] } | { notFound: true };

/**
 * Where the model stands (servingState) when it is built for the configuration this process serves and the Public role holds
 * `requires` (the route's scopes, when no router has checked them: serve-stored.ts).
 */
export const modelServes = async (strapi: Core.Strapi, requires: readonly string[]): Promise<ServingState | undefined> => {
  const runtime = runtimeOf(strapi);
  return servingPublic(strapi, runtime && (await servingState(strapi, runtime.fingerprint)), requires);
};

/** `state` (the model built for this configuration, or undefined) when the Public role holds `requires`. */
const servingPublic = async (
  strapi: Core.Strapi,
  state: ServingState | undefined,
  requires: readonly string[]
): Promise<ServingState | undefined> => (state && (await publicRoleHolds(strapi, state.epoch, requires)) ? state : undefined);

/**
 * A detail or slug answer from the model, with the same opt-in locale fallback as the Document
 * Service path; undefined whenever the model cannot answer exactly (not built for this configuration,
 * a row out of date, another public URL, the Public role without `requires`), and the caller takes
 * that path instead.
 */
const visibleRow = async (
  strapi: Core.Strapi,
  uid: string,
  ctx: Context,
  locale: LocaleQuery,
  lookup: Lookup,
  requires: readonly string[]
): Promise<{ row: Row; served: string } | { notFound: true } | undefined> => {
  const runtime = runtimeOf(strapi);
  // A text PostgreSQL cannot hold (U+0000) goes the Document Service's way, which refuses it with a 400.
  if (!runtime || Object.values(lookup).some(holdsNul)) return undefined;
  const instant = now().getTime();
  const joined = await withServingState<Row>(strapi, visibleVersion(strapi, uid, lookup, locale.requested, instant));
  if (!(await servingPublic(strapi, servingStateOf(joined[0], runtime.fingerprint), requires))) return undefined;
  const versions = joined.filter((row) => row.document_id !== null);
  const requested = foundIn(strapi, uid, ctx, versions, instant);
  if (requested.kind === 'unknown') return undefined;
  if (requested.kind === 'row') return { row: requested.row, served: locale.requested };
  if (!locale.fallback || locale.requested === locale.defaultLocale) return { notFound: true };
  const fallback = await findVisible(strapi, uid, ctx, lookup, locale.defaultLocale, instant);
  if (fallback.kind === 'unknown') return undefined;
  if (fallback.kind === 'row') return { row: fallback.row, served: locale.defaultLocale };
  return { notFound: true };
};

/**
 * The stored answer of a detail or slug read, as text: the stored JSON spliced, never parsed (the
 * stored data is `JSON.stringify`'s own output, which a parse and a new stringify give back unchanged).
 */
export const storedDetailText = async (
  strapi: Core.Strapi,
  uid: string,
  ctx: Context,
  locale: LocaleQuery,
  lookup: Lookup,
  requires: readonly string[] = []
): Promise<StoredDetailText | undefined> => {
  const found = await visibleRow(strapi, uid, ctx, locale, lookup, requires);
  if (!found || !('row' in found)) return found;
  const { row, served } = found;
  const meta = row.meta as string;
  const localeText = JSON.stringify(localeMeta(locale.requested, served));
  // Stored without its `locale`, which goes first, as in `{ locale, ...meta }`.
  const rest = meta === '{}' ? '' : `,${meta.slice(1, -1)}`;
  // The documents in the order a walk of the whole answer meets them: the data's (stored), then the meta's.
  const documentIds = new Set((row.document_ids ?? '').split(' ').filter(Boolean));
  if (meta.includes('"documentId"')) documentIdsIn(JSON.parse(meta), documentIds);
  return { text: `{"data":${row.data as string},"meta":{"locale":${localeText}${rest}}}`, documentIds: [...documentIds] };
};

/** The same answer, parsed, for a controller that goes on with it. */
export const storedDetail = async (
  strapi: Core.Strapi,
  uid: string,
  ctx: Context,
  locale: LocaleQuery,
  lookup: Lookup
): Promise<StoredDetail | undefined> => {
  const stored = await storedDetailText(strapi, uid, ctx, locale, lookup);
  if (!stored || !('text' in stored)) return stored;
  return { answer: JSON.parse(stored.text) as { data: unknown; meta: Record<string, unknown> } };
};
