import fc from 'fast-check';
import escapeHtml from 'escape-html';
import { analyseWord, WORD } from '../../../../src/plugins/search/server/analysis/analyser';
import { parseQuery, queryPrefixes, queryStems, type ParsedQuery } from '../../../../src/plugins/search/server/analysis/parseQuery';
import { buildSnippet, type SnippetOptions } from '../../../../src/plugins/search/server/analysis/snippet';

/** The snippet as it was built before it stopped reading at the extract's end: every word of the text first. */
const wholeTextSnippet = (text: string, query: ParsedQuery, options: SnippetOptions): string => {
  const length = options.words ?? 30;
  const before = options.before ?? 8;
  const stems = queryStems(query);
  const prefixes = queryPrefixes(query);
  const matches = (word: string) => {
    const analysed = analyseWord(word, options.analyser);
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

const WORDS = [
  'numérique',
  'numériques',
  'Inclusion',
  'emploi',
  'recrutement',
  'DéClics',
  'publishing',
  'published',
  'le',
  'the',
  'et',
  'Lille',
  '2024',
];
const GLUE = [' ', ' ', ' ', '\n', ', ', '. ', ' & ', ' <b>', '</b> ', ' "', '" ', ' — ', '’', '-'];

const text = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GLUE)), { maxLength: 60 })
  .chain((pieces) =>
    fc
      .tuple(fc.constantFrom('', ' ', '<p>', '« '), fc.constantFrom('', ' ', '.', ' »'))
      .map(([head, tail]) => head + pieces.map(([word, glue]) => word + glue).join('') + tail)
  );
const query = fc
  .tuple(
    fc.array(fc.constantFrom(...WORDS, 'num', 'recru', 'publ', 'decl', 'zzz'), { minLength: 1, maxLength: 3 }),
    fc.boolean(),
    fc.boolean()
  )
  .map(([words, typing, quoted]) => {
    const body = words.join(' ');
    // Typing: the last word is a prefix (no space after it); quoted: a phrase.
    return `${quoted ? `"${body}"` : body}${typing ? '' : ' '}`;
  });

describe('buildSnippet', () => {
  it('gives what the whole-text version gave, for any text, query, length and lead', () => {
    fc.assert(
      fc.property(
        text,
        query,
        fc.constantFrom('french', 'english'),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 10 }),
        (body, q, analyser, words, before) => {
          const parsed = parseQuery(q, analyser);
          const options = { analyser, words, before };
          expect(buildSnippet(body, parsed, options)).toBe(wholeTextSnippet(body, parsed, options));
        }
      ),
      { numRuns: 2000 }
    );
  });

  it('gives it with the default length and lead', () => {
    fc.assert(
      fc.property(text, query, (body, q) => {
        const parsed = parseQuery(q, 'french');
        expect(buildSnippet(body, parsed, { analyser: 'french' })).toBe(wholeTextSnippet(body, parsed, { analyser: 'french' }));
      }),
      { numRuns: 500 }
    );
  });
});
