import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { fts5Match, tsQuery, type ParsedQuery } from '../analysis/parseQuery';
import { hidingFields, type ReaderAccess } from '../passerelle';
import { engineOf, ENTRIES, FTS } from './indexTables';

export type SearchRequest = {
  query: ParsedQuery;
  locale: string;
  types?: string[];
  kinds?: string[];
  /** The instant the visibility rule is checked against: the project's clock, at query time. */
  now: Date;
  access: ReaderAccess;
  start: number;
  limit: number;
};

export type SearchRow = {
  id: number;
  uid: string;
  document_id: string;
  locale: string;
  type: string;
  kind: string | null;
  title: string;
  slug: string | null;
  body: string;
  embargo_until: number | string | null;
  score: number;
};

/** pg may hand numeric columns over as strings (bigint, numeric). */
type PostgresRow = Omit<SearchRow, 'id' | 'score'> & { id: number | string; score: number | string };

/** Title matches weigh ten times body matches, on both engines. */
const TITLE_WEIGHT = 10;
const COLUMNS = ['id', 'uid', 'document_id', 'locale', 'type', 'kind', 'title', 'slug', 'body', 'embargo_until'].map((c) => `e.${c}`);

/** Index columns holding each type's schedule and embargo instants (see entryOf). */
const TIME_COLUMNS = { schedule: 'e.visible_from', embargo: 'e.embargo_until' };

/**
 * The project's visibility rule, as SQL on the index: for each field that hides a document from this
 * reader (a schedule always, an embargo unless the reader is a journalist), the instant is empty or
 * not after `now`. Asked at query time, so a document appears at its instant with no reindexing.
 */
const applyVisibility = (builder: Knex.QueryBuilder, now: Date, access: ReaderAccess) => {
  for (const column of hidingFields(TIME_COLUMNS, access)) {
    builder.where((inner) => {
      // A knex builder is thenable; here it only adds conditions, nothing runs.
      void inner.whereNull(column).orWhere(column, '<=', now.getTime());
    });
  }
};

const applyFilters = (builder: Knex.QueryBuilder, request: SearchRequest) => {
  builder.where('e.locale', request.locale);
  if (request.types?.length) builder.whereIn('e.type', request.types);
  if (request.kinds?.length) builder.whereIn('e.kind', request.kinds);
  applyVisibility(builder, request.now, request.access);
};

export const searchIndex = async (strapi: Core.Strapi, request: SearchRequest): Promise<{ rows: SearchRow[]; total: number }> => {
  const knex = strapi.db.connection;
  if (request.query.clauses.length === 0) return { rows: [], total: 0 };

  if (engineOf(strapi) === 'sqlite') {
    const matching = () => {
      const builder = knex(FTS)
        .join(`${ENTRIES} as e`, 'e.id', `${FTS}.rowid`)
        .whereRaw(`${FTS} MATCH ?`, [fts5Match(request.query)]);
      applyFilters(builder, request);
      return builder;
    };
    const [{ total }] = await matching().count<Array<{ total: number | string }>>({ total: '*' });
    const rows = (await matching()
      .select(...COLUMNS, knex.raw(`-bm25(${FTS}, ?, 1.0, ?, 1.0) AS score`, [TITLE_WEIGHT, TITLE_WEIGHT]))
      .orderBy([
        { column: 'score', order: 'desc' },
        { column: 'e.id', order: 'asc' },
      ])
      .limit(request.limit)
      .offset(request.start)) as SearchRow[];
    return { rows, total: Number(total) };
  }

  const matching = () => {
    const builder = knex(`${ENTRIES} as e`).whereRaw('e.terms @@ ?::tsquery', [tsQuery(request.query)]);
    applyFilters(builder, request);
    return builder;
  };
  const [{ total }] = await matching().count<Array<{ total: number | string }>>({ total: '*' });
  // ts_rank's weights are listed D, C, B, A: body words, title words, body stems, title stems.
  const weights = `{${1 / TITLE_WEIGHT}, 1.0, ${1 / TITLE_WEIGHT}, 1.0}`;
  const rows = (await matching()
    .select(...COLUMNS, knex.raw('ts_rank(?::float4[], e.terms, ?::tsquery, 1) AS score', [weights, tsQuery(request.query)]))
    .orderBy([
      { column: 'score', order: 'desc' },
      { column: 'e.id', order: 'asc' },
    ])
    .limit(request.limit)
    .offset(request.start)) as PostgresRow[];
  return { rows: rows.map((row) => ({ ...row, id: Number(row.id), score: Number(row.score) })), total: Number(total) };
};
