import { analyse, analyseWord, WORD } from './analyser';

/**
 * A search box's text as clauses that must all match. Every character the engines treat as syntax
 * (`*`, `:`, `-`, `^`, `NEAR`, `OR`, parentheses) is just text here: only words survive analysis,
 * and the engine queries are built from those words alone. Pairs of double quotes make a phrase; an
 * unmatched quote is ignored. The last word, when the text does not end with a space, also matches
 * as a prefix (search as you type).
 */
export type Clause = { kind: 'term'; stem: string; word: string; prefix: boolean } | { kind: 'phrase'; stems: string[] };

export type ParsedQuery = { clauses: Clause[] };

/** Below this length, a last word is matched whole: a one-letter prefix would match nearly everything. */
const MIN_PREFIX_LENGTH = 2;
const SEGMENTS = /"([^"]*)"|([^"]+)|"/g;
const ENDS_IN_WORD = /[\p{L}\p{N}\p{M}]$/u;

export const parseQuery = (text: string, analyser: string): ParsedQuery => {
  const clauses: Clause[] = [];
  let lastWasBareWord = false;
  for (const segment of text.matchAll(SEGMENTS)) {
    const [, quoted, bare] = segment;
    if (quoted !== undefined) {
      const { stems, words } = analyse(quoted, analyser);
      if (stems.length === 1) clauses.push({ kind: 'term', stem: stems[0], word: words[0], prefix: false });
      else if (stems.length > 1) clauses.push({ kind: 'phrase', stems });
      lastWasBareWord = false;
    } else if (bare !== undefined) {
      for (const match of bare.matchAll(WORD)) {
        const { stems, words } = analyseWord(match[0], analyser);
        stems.forEach((stem, index) => clauses.push({ kind: 'term', stem, word: words[index], prefix: false }));
      }
      lastWasBareWord = ENDS_IN_WORD.test(bare);
    } else {
      lastWasBareWord = false;
    }
  }
  const last = clauses[clauses.length - 1];
  if (lastWasBareWord && last?.kind === 'term' && last.word.length >= MIN_PREFIX_LENGTH) last.prefix = true;
  return { clauses };
};

/** Every distinct token the engines will look for, for limits and highlighting. */
export const queryStems = (query: ParsedQuery): Set<string> =>
  new Set(query.clauses.flatMap((clause) => (clause.kind === 'term' ? [clause.stem] : clause.stems)));

export const queryPrefixes = (query: ParsedQuery): string[] =>
  query.clauses.flatMap((clause) => (clause.kind === 'term' && clause.prefix ? [clause.word] : []));

/**
 * FTS5 MATCH text. Tokens are letters and digits only, so quoting them is enough. Stems are looked
 * for in the stem columns; a prefix in every column.
 */
export const fts5Match = (query: ParsedQuery): string =>
  query.clauses
    .map((clause) => {
      if (clause.kind === 'phrase') return `{title_stems body_stems} : "${clause.stems.join(' ')}"`;
      const exact = `{title_stems body_stems} : "${clause.stem}"`;
      return clause.prefix ? `(${exact} OR "${clause.word}"*)` : exact;
    })
    .join(' AND ');

/**
 * PostgreSQL tsquery text: stems carry weights A/B (title/body), folded words C/D (see
 * tsvectorLiteral). A prefix looks at every token, as FTS5's unrestricted prefix does.
 */
export const tsQuery = (query: ParsedQuery): string =>
  query.clauses
    .map((clause) => {
      if (clause.kind === 'phrase') return `(${clause.stems.map((stem) => `'${stem}':AB`).join(' <-> ')})`;
      const exact = `'${clause.stem}':AB`;
      return clause.prefix ? `(${exact} | '${clause.word}':*)` : exact;
    })
    .join(' & ');
