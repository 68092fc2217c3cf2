import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { fts5Query, fts5TitleMatch, isPrefixClause, tsQuery, tsTitleQuery, type ParsedQuery } from '../analysis/parseQuery';
import { hidingFields, type ReaderAccess } from '../passerelle';
import {
  engineOf,
  ENTRIES,
  FACET_COLUMN,
  facetToken,
  FTS,
  localeIdRange,
  TITLES,
  VISIBILITY_INDEX,
  TERMS,
  type Engine,
} from './indexTables';
import { rankingCall, rankingFunctionLoaded } from './rankingExtension';

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
  /**
   * `rankWindow` in the configuration: at most this many of the most recent matches, and this many of
   * the most recent matches in the title, are ranked and counted.
   */
  window: number;
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

export type SearchAnswer = {
  rows: SearchRow[];
  /** Visible matches, all of them when `exact`; else those among the candidates ranked (a lower bound). */
  total: number;
  exact: boolean;
};

/** Title matches weigh ten times body matches, on both engines. */
const TITLE_WEIGHT = 10;
const COLUMNS = ['id', 'uid', 'document_id', 'locale', 'type', 'kind', 'title', 'slug', 'body', 'embargo_until']
  .map((c) => `e.${c}`)
  .join(', ');

/** Index columns holding each type's schedule and embargo instants (see entryOf). */
const TIME_COLUMNS = { schedule: 'v.visible_from', embargo: 'v.embargo_until' };

/**
 * The project's visibility rule, as SQL on the index: for each field that hides a document from this
 * reader (a schedule always, an embargo unless the reader is a journalist), the instant is empty or
 * not after `now`. Asked at query time, so a document appears at its instant with no reindexing.
 */
const visibilitySql = (now: Date, access: ReaderAccess): { sql: string; bindings: number[] } => {
  const columns = hidingFields(TIME_COLUMNS, access);
  return {
    sql: columns.length > 0 ? columns.map((column) => `(${column} IS NULL OR ${column} <= ?)`).join(' AND ') : 'TRUE',
    bindings: columns.map(() => now.getTime()),
  };
};

/** The facet tokens a request asks for: its locale, and any of its types and any of its kinds. */
const facetGroups = (engine: Engine, request: SearchRequest): string[][] => [
  [facetToken(engine, 'locale', request.locale)],
  ...(request.types?.length ? [request.types.map((type) => facetToken(engine, 'type', type))] : []),
  ...(request.kinds?.length ? [request.kinds.map((kind) => facetToken(engine, 'kind', kind))] : []),
];

/** Prefixes up to this length have their own FTS5 index (\`prefix='2 3'\`): looking one up reads one doclist. */
const INDEXED_PREFIX_LENGTH = 3;
/** A prefix with more completions than this is left to FTS5's prefix query. */
const MAX_COMPLETIONS = 64;
/** Above every character a term can hold: \`term <= word + LAST_CHARACTER\` keeps the terms that start with word. */
const LAST_CHARACTER = '\u{10FFFF}';

/**
 * SQLite: each prefix longer than the prefix indexes becomes the list of the index's terms that start
 * with it, read from the table of terms (a range of its primary key), so that FTS5 walks
 * each completion's doclist as a term, skipping, in order, stopping at the window, instead of merging
 * them all first. A prefix with too many completions keeps FTS5's prefix query.
 */
const expandPrefixes = async (knex: Knex, query: ParsedQuery): Promise<ParsedQuery> => ({
  ...query,
  clauses: await Promise.all(
    query.clauses.map(async (clause) => {
      if (!isPrefixClause(clause) || clause.word.length <= INDEXED_PREFIX_LENGTH) return clause;
      const terms = await knex.raw<Array<{ term: string }>>(`SELECT term FROM ${TERMS} WHERE term >= ? AND term <= ? LIMIT ?`, [
        clause.word,
        clause.word + LAST_CHARACTER,
        MAX_COMPLETIONS + 1,
      ]);
      return terms.length > 0 && terms.length <= MAX_COMPLETIONS ? { ...clause, completions: terms.map(({ term }) => term) } : clause;
    })
  ),
});

type Counted = { total: number | string; recent: number | string };
/**
 * A row as the engines give it: PostgreSQL gives its BIGSERIAL ids as strings, and an empty page is
 * a single row of nulls besides the counts.
 */
type FoundRow = Omit<SearchRow, 'id' | 'score'> & { id: number | string | null; score: number | null } & Counted;

/**
 * The end of both engines' queries: one page of the visible rows, read in full, and the counts. The
 * counts come on every row, and on a single row of nulls when the page is empty.
 */
const PAGE_AND_COUNTS = `page AS MATERIALIZED (SELECT id, score FROM visible ORDER BY score DESC, id ASC LIMIT ? OFFSET ?)
  SELECT ${COLUMNS}, page.score, (SELECT count(*) FROM visible) AS total, (SELECT count(*) FROM recent) AS recent
  FROM (SELECT 1 AS one) AS counts LEFT JOIN page ON TRUE LEFT JOIN ${ENTRIES} e ON e.id = page.id
  ORDER BY page.score DESC, e.id ASC`;

/**
 * Both engines answer in three steps, each bounded: (1) the engine's full-text index finds the
 * candidates, without reading a row: the \`window\` most recently indexed matches, and the \`window\`
 * most recent entries whose title alone holds every word of the query (FTS5 walks its doclists in
 * rowid order; PostgreSQL sorts the GIN index's matches by id); (2) the visibility rule keeps those
 * this reader may see, on a narrow index; (3) those are ranked (bm25, ts_rank), counted, and one page
 * of them is read in full. A title match weighs ten times a body match, so the best match of a common
 * word is nearly always a title match: the title pass finds it whatever its age, and a common word
 * still ranks at most twice the window, at 50,000 articles as at 1,000. A query with more matches
 * than the window ranks and counts the candidates only (\`exact: false\`). The visibility rule is
 * applied to every row returned and counted: no path around it.
 */
export const searchIndex = async (
  strapi: Core.Strapi,
  request: SearchRequest,
  {
    listCompletions = true,
    rememberCounts = true,
  }: {
    /** \`false\` leaves every prefix to FTS5 (the slow path the differential test compares with). */
    listCompletions?: boolean;
    /** \`false\` ranks with FTS5's bm25 even where the ranking function is loaded (its differential test). */
    rememberCounts?: boolean;
  } = {}
): Promise<SearchAnswer> => {
  const knex = strapi.db.connection;
  if (request.query.clauses.length === 0) return { rows: [], total: 0, exact: true };
  const engine = engineOf(strapi);
  const visibility = visibilitySql(request.now, request.access);

  let rows: FoundRow[];
  if (engine === 'sqlite') {
    const facetPhrases = facetGroups(engine, request).map((group) => group.map((token) => `${FACET_COLUMN} : "${token}"`));
    const facets = facetPhrases.map((group) => `(${group.join(' OR ')})`).join(' AND ');
    const query = listCompletions ? await expandPrefixes(knex, request.query) : request.query;
    const wordsQuery = fts5Query(query);
    const words = `(${wordsQuery.match})`;
    const match = `${words} AND ${facets}`;
    const titleMatch = `(${fts5TitleMatch(query)}) AND ${facets}`;
    // The facets filter, they do not rank: their column weighs nothing, so a facet phrase adds nothing
    // to a score. passerelle_bm25 (rankingExtension.ts) reads each phrase's count once while the index
    // is unchanged, and gives bm25's scores: with it the ranking scan matches the facets too. bm25
    // itself reads the whole doclist of each phrase it is given, once a query, and a locale's facet is
    // in half the index: it scans the words alone, and a scan that meets no candidate then still walks
    // the words' matches in every locale and kind (0.7 ms for two words that never meet at 50,000
    // articles, against 20 µs with the facets). The candidates are exactly the rows of \`recent\` and
    // \`titled\` (\`recent\` holds every facet match above its oldest row), which carry the facet
    // filter. The scan walks the matches down to the oldest candidate without scoring them (the unary
    // \`+\` keeps FTS5 from looking each candidate up on its own, which would read the words' doclists
    // again each time); the ranking runs for the candidates only, since SQLite filters a row before
    // computing its columns.
    const remembering = rememberCounts && (await rankingFunctionLoaded(strapi));
    const scanned = remembering
      ? { match, phrases: [...wordsQuery.phrases, ...facetPhrases.flat()] }
      : { match: words, phrases: wordsQuery.phrases };
    const ranking = rankingCall(remembering, scanned.phrases);
    // Every read is bounded to the locale's range of rowids (localeIdRange), where FTS5 seeks.
    const locale = localeIdRange(request.locale);
    rows = await knex.raw<FoundRow[]>(
      `WITH recent AS MATERIALIZED (
         SELECT rowid AS id FROM ${FTS} WHERE ${FTS} MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ?
       ),
       titled AS MATERIALIZED (
         SELECT rowid AS id FROM ${TITLES} WHERE ${TITLES} MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ?
       ),
       candidates AS MATERIALIZED (
         SELECT rowid AS id, -${ranking.sql}?, 1.0, ?, 1.0, 0.0) AS score FROM ${FTS}
         WHERE ${FTS} MATCH ? AND rowid >= (SELECT min(id) FROM (SELECT id FROM recent UNION ALL SELECT id FROM titled)) AND rowid <= ?
           AND (+rowid IN (SELECT id FROM recent) OR +rowid IN (SELECT id FROM titled))
       ),
       visible AS MATERIALIZED (
         SELECT c.id, c.score FROM candidates c JOIN ${ENTRIES} AS v INDEXED BY ${VISIBILITY_INDEX} ON v.id = c.id
         WHERE ${visibility.sql}
       ),
       ${PAGE_AND_COUNTS}`,
      [
        match,
        locale.first,
        locale.last,
        request.window,
        titleMatch,
        locale.first,
        locale.last,
        request.window,
        ...ranking.bindings,
        TITLE_WEIGHT,
        TITLE_WEIGHT,
        scanned.match,
        locale.last,
        ...visibility.bindings,
        request.limit,
        request.start,
      ]
    );
  } else {
    const text = tsQuery(request.query);
    const facets = facetGroups(engine, request)
      .map((group) => `(${group.map((token) => `'${token}'`).join(' | ')})`)
      .join(' & ');
    // ts_rank's weights are listed D, C, B, A: body words, title words, body stems, title stems.
    // It ranks on the words alone: the facets only match.
    const weights = `{${1 / TITLE_WEIGHT}, 1.0, ${1 / TITLE_WEIGHT}, 1.0}`;
    // The candidates come from the GIN index with the unweighted query (a superset of the matches,
    // answered without reading the rows' tsvectors) and the marked title lexemes; the weighted query
    // then checks the candidates' rows. The planner, guessing a common word's matches, would otherwise walk the primary key or
    // the table and read every row's tsvector: bitmap scans only, for this one transaction.
    const result = (await knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off');
      await trx.raw('SET LOCAL enable_indexscan = off');
      return trx.raw(
        `WITH recent AS MATERIALIZED (
           SELECT id FROM ${ENTRIES} WHERE terms @@ (?::tsquery && ?::tsquery) ORDER BY id DESC LIMIT ?
         ),
         titled AS MATERIALIZED (
           SELECT id FROM ${ENTRIES} WHERE terms @@ (?::tsquery && ?::tsquery) ORDER BY id DESC LIMIT ?
         ),
         candidates AS MATERIALIZED (SELECT id FROM recent UNION SELECT id FROM titled),
         visible AS MATERIALIZED (
           SELECT v.id, ts_rank(?::float4[], v.terms, ?::tsquery, 1) AS score FROM candidates c JOIN ${ENTRIES} v ON v.id = c.id
           WHERE v.terms @@ ?::tsquery AND ${visibility.sql}
         ),
         ${PAGE_AND_COUNTS}`,
        [
          tsQuery(request.query, { weighted: false }),
          facets,
          request.window,
          tsTitleQuery(request.query),
          facets,
          request.window,
          weights,
          text,
          text,
          ...visibility.bindings,
          request.limit,
          request.start,
        ]
      );
    })) as { rows: FoundRow[] };
    rows = result.rows;
  }

  const counts = rows[0] ?? { total: 0, recent: 0 };
  return {
    rows: rows
      .filter((row) => row.id !== null)
      .map(({ total: _total, recent: _recent, ...row }) => ({ ...row, id: Number(row.id), score: Number(row.score) })),
    total: Number(counts.total),
    // The recent pass held every match: all were ranked and counted.
    exact: Number(counts.recent) < request.window,
  };
};
