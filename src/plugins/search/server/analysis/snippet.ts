import escapeHtml from 'escape-html';
import { analyseWord, WORD } from './analyser';
import { queryPrefixes, queryStems, type ParsedQuery } from './parseQuery';

export type SnippetOptions = { analyser: string; words?: number; before?: number };

type Word = { start: number; end: number; word: string };

function* wordsOf(text: string): Generator<Word> {
  for (const match of text.matchAll(WORD)) {
    const start = match.index ?? 0;
    yield { start, end: start + match[0].length, word: match[0] };
  }
}

/**
 * The extract's words: `length` of them (fewer at the text's end), starting `before` words ahead of
 * the first match (at the text's start when nothing matches), the position of its first among the
 * text's words, and whether more words follow. Undefined for a text without words.
 */
const extractAround = (
  text: string,
  matches: (word: string) => boolean,
  length: number,
  before: number
): { words: Word[]; from: number; more: boolean } | undefined => {
  const recent: Word[] = [];
  let index = 0;
  const words = wordsOf(text);
  for (const entry of words) {
    if (matches(entry.word)) {
      // `recent` holds the `before` words ahead of the match, or all of them near the start.
      const extract = recent.concat(entry);
      const from = index - recent.length;
      // Shorter than `before`, the extract ends ahead of the match: words (the match at least) follow.
      if (extract.length > length) return { words: extract.slice(0, length), from, more: true };
      return { words: extract, from, more: takeInto(extract, words, length) };
    }
    recent.push(entry);
    if (recent.length > before) recent.shift();
    index += 1;
  }
  if (index === 0) return undefined;
  const head: Word[] = [];
  return { words: head, from: 0, more: takeInto(head, wordsOf(text), length) };
};

/** Moves words into `extract` until it holds `length`; whether any word is left after that. */
const takeInto = (extract: Word[], words: Iterator<Word>, length: number): boolean => {
  for (let next = words.next(); !next.done; next = words.next()) {
    if (extract.length >= length) return true;
    extract.push(next.value);
  }
  return false;
};

/**
 * A short extract of the original text around the first match, HTML-escaped, with `<mark>` around
 * each matching word. Matching reuses the index's analysis, so what is marked is what was found.
 */
export const buildSnippet = (text: string, query: ParsedQuery, options: SnippetOptions): string => {
  const length = options.words ?? 30;
  const before = options.before ?? 8;
  const stems = queryStems(query);
  const prefixes = queryPrefixes(query);
  const matches = (word: string) => {
    const analysed = analyseWord(word, options.analyser);
    // Stop words are not indexed, so they never matched.
    return (
      !analysed.stop &&
      (analysed.stems.some((stem) => stems.has(stem)) ||
        [...analysed.stems, ...analysed.words].some((token) => prefixes.some((prefix) => token.startsWith(prefix))))
    );
  };

  // Words are read as far as the extract reaches, not through the whole text: a body's first match is
  // usually early, and tokenizing every word of ten bodies was a tenth of a search's CPU.
  const extract = extractAround(text, matches, length, before);
  if (!extract) return '';
  const { words, from, more } = extract;

  let html = from > 0 ? '… ' : '';
  let cursor = words[0].start;
  for (const entry of words) {
    html += escapeHtml(text.slice(cursor, entry.start));
    html += matches(entry.word) ? `<mark>${escapeHtml(entry.word)}</mark>` : escapeHtml(entry.word);
    cursor = entry.end;
  }
  if (more) html += ' …';
  else html += escapeHtml(text.slice(cursor));
  return html.trim();
};
