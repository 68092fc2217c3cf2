import { analyse, analyseWord, WORD } from './analyser';

/**
 * A search box's text as clauses that must all match. Every character the engines treat as syntax
 * (`*`, `:`, `-`, `^`, `NEAR`, `OR`, parentheses) is just text here: only words survive analysis,
 * and the engine queries are built from those words alone. Pairs of double quotes make a phrase; an
 * unmatched quote is ignored. The last word, when the text does not end with a space, also matches
 * as a prefix (search as you type). Stop words ("le", "the") are left out, as they are from the
 * index; when the only word is one, it is still a prefix ("la" may be the start of "laboratoire").
 */
export type Clause =
  | { kind: 'term'; stem: string; word: string; prefix: boolean; completions?: string[] }
  | { kind: 'phrase'; stems: string[] }
  | { kind: 'prefix'; word: string; completions?: string[] };

/** A clause whose word also matches as a prefix: the last word typed. */
export type PrefixClause = Extract<Clause, { completions?: string[] }>;

export const isPrefixClause = (clause: Clause): clause is PrefixClause =>
  clause.kind === 'prefix' || (clause.kind === 'term' && clause.prefix);

/** `words` counts every word typed, stop words included (the limit on words is on what was typed). */
export type ParsedQuery = { clauses: Clause[]; words: number };

/** Below this length, a last word is matched whole: a one-letter prefix would match nearly everything. */
const MIN_PREFIX_LENGTH = 2;
const SEGMENTS = /"([^"]*)"|([^"]+)|"/g;
const ENDS_IN_WORD = /[\p{L}\p{N}\p{M}]$/u;

export const parseQuery = (text: string, analyser: string): ParsedQuery => {
  const clauses: Clause[] = [];
  let words = 0;
  let lastWasBareWord = false;
  let lastStopWord: string | undefined;
  for (const segment of text.matchAll(SEGMENTS)) {
    const [, quoted, bare] = segment;
    lastStopWord = undefined;
    if (quoted !== undefined) {
      words += [...quoted.matchAll(WORD)].length;
      const analysed = analyse(quoted, analyser);
      if (analysed.stems.length === 1) clauses.push({ kind: 'term', stem: analysed.stems[0], word: analysed.words[0], prefix: false });
      else if (analysed.stems.length > 1) clauses.push({ kind: 'phrase', stems: analysed.stems });
      lastWasBareWord = false;
    } else if (bare !== undefined) {
      for (const match of bare.matchAll(WORD)) {
        words += 1;
        const analysed = analyseWord(match[0], analyser);
        lastStopWord = analysed.stop ? analysed.words[0] : undefined;
        if (analysed.stop) continue;
        analysed.stems.forEach((stem, index) => clauses.push({ kind: 'term', stem, word: analysed.words[index], prefix: false }));
      }
      lastWasBareWord = ENDS_IN_WORD.test(bare);
    } else {
      lastWasBareWord = false;
    }
  }
  if (lastWasBareWord && lastStopWord !== undefined) {
    // Alone, it is what was typed so far; after other words it is left out, as in the index: a title
    // typed in full ("Un numérique pour nous") finds itself, which no indexed word starting with it would.
    if (clauses.length === 0 && lastStopWord.length >= MIN_PREFIX_LENGTH) clauses.push({ kind: 'prefix', word: lastStopWord });
  } else if (lastWasBareWord) {
    const last = clauses[clauses.length - 1];
    if (last?.kind === 'term' && last.word.length >= MIN_PREFIX_LENGTH) last.prefix = true;
  }
  return { clauses, words };
};

/** Every distinct token the engines will look for, for limits and highlighting. */
export const queryStems = (query: ParsedQuery): Set<string> =>
  new Set(query.clauses.flatMap((clause) => (clause.kind === 'term' ? [clause.stem] : clause.kind === 'phrase' ? clause.stems : [])));

export const queryPrefixes = (query: ParsedQuery): string[] => query.clauses.filter(isPrefixClause).map((clause) => clause.word);

/**
 * FTS5 MATCH text. Tokens are letters and digits only, so quoting them is enough. Stems are looked
 * for in the stem columns; a prefix in every text column (never in \`facets\`, see indexTables).
 */
/** The columns a stem or a phrase is looked for in (the ranking function's counts of them are kept, see keptCounts). */
export const STEM_COLUMNS = '{title_stems body_stems}';
/** The columns a prefix's completions are looked for in (their counts are kept too). */
export const TEXT_COLUMNS = '{title_stems body_stems title_words body_words}';
const TITLE_COLUMNS = '{title_stems title_words}';

/**
 * FTS5 MATCH text, and its phrases in the order FTS5 numbers them (left to right): each phrase's own
 * MATCH text, which names its count for the ranking function (see index/rankingExtension.ts). Both
 * come from the same calls, so they cannot drift apart.
 */
export type Fts5Query = { match: string; phrases: string[] };

const fts5QueryOf = (build: (phrase: (columns: string, tokens: string, prefix?: boolean) => string) => string): Fts5Query => {
  const phrases: string[] = [];
  const match = build((columns, tokens, prefix = false) => {
    const phrase = `${columns} : "${tokens}"${prefix ? '*' : ''}`;
    phrases.push(phrase);
    return phrase;
  });
  return { match, phrases };
};

type Phrase = Parameters<Parameters<typeof fts5QueryOf>[0]>[0];

/**
 * A prefix in FTS5: the index's terms that start with it when they were listed (see expandPrefixes),
 * else FTS5's own prefix query, which merges every completion's whole doclist before it can skip a
 * row: for the prefix of a common word, a walk of most of the index on every search.
 */
const fts5Prefix = (phrase: Phrase, columns: string, clause: PrefixClause): string =>
  clause.completions?.length
    ? `(${clause.completions.map((term) => phrase(columns, term)).join(' OR ')})`
    : phrase(columns, clause.word, true);

/**
 * The last word typed: its stem, or any term it starts. When the stem is itself one of the listed
 * completions, the prefix alone says it (in more columns): asking for it twice would walk its doclist
 * twice, and bm25 would count it twice.
 */
const fts5TermOrPrefix = (
  phrase: Phrase,
  clause: Extract<Clause, { kind: 'term' }>,
  stemColumns: string,
  prefixColumns: string
): string => {
  if (!clause.prefix) return phrase(stemColumns, clause.stem);
  if (clause.completions?.includes(clause.stem)) return fts5Prefix(phrase, prefixColumns, clause);
  return `(${phrase(stemColumns, clause.stem)} OR ${fts5Prefix(phrase, prefixColumns, clause)})`;
};

const fts5Clauses = (query: ParsedQuery, stemColumns: string, prefixColumns: string): Fts5Query =>
  fts5QueryOf((phrase) =>
    query.clauses
      .map((clause) => {
        if (clause.kind === 'phrase') return phrase(stemColumns, clause.stems.join(' '));
        if (clause.kind === 'prefix') return fts5Prefix(phrase, prefixColumns, clause);
        return fts5TermOrPrefix(phrase, clause, stemColumns, prefixColumns);
      })
      .join(' AND ')
  );

/** The FTS5 query of the words: every clause in the title or the body. */
export const fts5Query = (query: ParsedQuery): Fts5Query => fts5Clauses(query, STEM_COLUMNS, TEXT_COLUMNS);

export const fts5Match = (query: ParsedQuery): string => fts5Query(query).match;

/**
 * FTS5 MATCH text for the title pass: entries whose title alone holds every clause (a phrase's words
 * in order, the last word's prefix among title words or stems). They are ranked whatever their age
 * (see searchIndex), so the best match of a common word is not lost among recent body matches.
 */
export const fts5TitleMatch = (query: ParsedQuery): string => fts5Clauses(query, '{title_stems}', TITLE_COLUMNS).match;

/**
 * PostgreSQL keeps the title's stems and words a second time as lexemes marked with this sign and no
 * position (see tsvectorLiteral): the GIN index alone then finds title matches, where a weighted
 * query (\`'x':A\`) would read every match's tsvector again. A reader's words are letters and digits,
 * so no prefix of theirs reaches them.
 */
export const TITLE_MARK = '^';

/**
 * PostgreSQL tsquery for the title pass, on the marked title lexemes: every clause in the title (a
 * phrase's words anywhere in it; the ranking step checks the phrase itself).
 */
export const tsTitleQuery = (query: ParsedQuery): string =>
  query.clauses
    .map((clause) => {
      if (clause.kind === 'phrase') return `(${clause.stems.map((stem) => `'${TITLE_MARK}${stem}'`).join(' & ')})`;
      if (clause.kind === 'prefix') return `'${TITLE_MARK}${clause.word}':*`;
      const exact = `'${TITLE_MARK}${clause.stem}'`;
      return clause.prefix ? `(${exact} | '${TITLE_MARK}${clause.word}':*)` : exact;
    })
    .join(' & ');

/**
 * PostgreSQL tsquery text: stems carry weights A/B (title/body), folded words C/D (see
 * tsvectorLiteral). A prefix looks at every token, as FTS5's unrestricted prefix does. \`weighted:
 * false\` leaves the weights out: a superset of the matches that the GIN index answers alone,
 * without reading each row's tsvector again (weights and phrases make it recheck every match).
 */
export const tsQuery = (query: ParsedQuery, { weighted = true }: { weighted?: boolean } = {}): string => {
  const stemOnly = weighted ? ':AB' : '';
  return query.clauses
    .map((clause) => {
      if (clause.kind === 'phrase') return `(${clause.stems.map((stem) => `'${stem}'${stemOnly}`).join(' <-> ')})`;
      if (clause.kind === 'prefix') return `'${clause.word}':*`;
      const exact = `'${clause.stem}'${stemOnly}`;
      return clause.prefix ? `(${exact} | '${clause.word}':*)` : exact;
    })
    .join(' & ');
};
