import escapeHtml from 'escape-html';
import { analyseWord, WORD } from './analyser';
import { queryPrefixes, queryStems, type ParsedQuery } from './parseQuery';

export type SnippetOptions = { analyser: string; words?: number; before?: number };

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

  const words = [...text.matchAll(WORD)].map((match) => ({
    start: match.index ?? 0,
    end: (match.index ?? 0) + match[0].length,
    word: match[0],
  }));
  if (words.length === 0) return '';
  const first = words.findIndex((entry) => matches(entry.word));
  const from = first < 0 ? 0 : Math.max(0, first - before);
  const to = Math.min(words.length, from + length);

  let html = from > 0 ? '… ' : '';
  let cursor = words[from].start;
  for (let index = from; index < to; index += 1) {
    const entry = words[index];
    html += escapeHtml(text.slice(cursor, entry.start));
    html += matches(entry.word) ? `<mark>${escapeHtml(entry.word)}</mark>` : escapeHtml(entry.word);
    cursor = entry.end;
  }
  if (to < words.length) html += ' …';
  else html += escapeHtml(text.slice(cursor));
  return html.trim();
};
