import fc from 'fast-check';
import {
  analyse,
  analyserNameFor,
  analyseWord,
  analyseWordUncached,
  fold,
  REMEMBERED_WORDS,
  rememberedWordCount,
} from '../../../../src/plugins/search/server/analysis/analyser';
import { fts5Match, fts5TitleMatch, parseQuery, tsQuery, tsTitleQuery } from '../../../../src/plugins/search/server/analysis/parseQuery';
import { buildSnippet } from '../../../../src/plugins/search/server/analysis/snippet';
import { extractText } from '../../../../src/plugins/search/server/index/extractText';
import { tsvectorLiteral } from '../../../../src/plugins/search/server/index/indexWriter';

describe('analyser', () => {
  it.each([
    ['fr', 'french'],
    ['en', 'english'],
    ['pt-BR', 'portuguese'],
    ['de', 'german'],
    ['ja', 'none'],
  ])('locale %s gets the %s analyser', (locale, name) => {
    expect(analyserNameFor(locale)).toBe(name);
  });

  it('lets the configuration choose', () => {
    expect(analyserNameFor('fr', { fr: 'porter' })).toBe('porter');
  });

  it.each([
    ['DéClics', ['declics']],
    ['Œuvre', ['oeuvre']],
    ['straße', ['strasse']],
    ["l'inclusion", ['l', 'inclusion']],
  ])('folds %s', (text, tokens) => {
    expect(fold(text)).toEqual(tokens);
  });

  it.each([
    ['french', 'numériques', 'numérique'],
    ['french', 'Déclics', 'declic'],
    ['english', 'publishing', 'published'],
  ])('%s: "%s" and "%s" share a stem', (analyser, a, b) => {
    expect(analyse(a, analyser).stems).toEqual(analyse(b, analyser).stems);
  });

  it('remembers a bounded number of words, and analyses a forgotten one as before', () => {
    const before = analyse('Les métiers numériques de DéClics', 'french');
    // More distinct words than the bound, as a rebuild of a large site's index reads (without stemming,
    // which costs time and not memory: every analyser's words share the bound).
    for (let index = 0; index < REMEMBERED_WORDS + 5_000; index += 1) analyseWord(`motrare${index.toString(36)}`, 'none');
    expect(rememberedWordCount()).toBeLessThanOrEqual(REMEMBERED_WORDS);
    expect(analyse('Les métiers numériques de DéClics', 'french')).toEqual(before);
  });

  it('gives from its remembered words what analysing every word afresh gives (differential, random texts)', () => {
    // Words in several spellings (case, composed and decomposed accents, ligatures), stop words, digits.
    const word = fc.constantFrom(
      'Numérique',
      'numérique',
      'NUMÉRIQUE',
      'nume\u0301rique',
      'DéClics',
      'declics',
      'Œuvre',
      'les',
      'LES',
      'de',
      'publishing',
      'Published',
      '2024',
      'straße',
      'emploi',
      'Pôle'
    );
    const separator = fc.constantFrom(' ', "'", ', ', '\n', '-', ' « ', '… ');
    const text = fc.array(fc.tuple(word, separator), { maxLength: 30 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(text, fc.constantFrom('french', 'english', 'none'), (sample, analyser) => {
        const afresh = { stems: [] as string[], words: [] as string[] };
        for (const found of sample.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []) {
          const { stems, words, stop } = analyseWordUncached(found, analyser);
          if (stop) continue;
          afresh.stems.push(...stems);
          afresh.words.push(...words);
        }
        expect(analyse(sample, analyser)).toEqual(afresh);
      }),
      { numRuns: 300 }
    );
  });

  it('keeps stems and words aligned, with no accent, upper case or stop word', () => {
    expect(analyse('Les métiers NUMÉRIQUES', 'french')).toEqual({
      stems: ['meti', 'numer'],
      words: ['metiers', 'numeriques'],
    });
  });

  it('folds without stemming where no stemmer exists', () => {
    expect(analyse('Émissions', 'none')).toEqual({ stems: ['emissions'], words: ['emissions'] });
  });
});

describe('parseQuery', () => {
  it.each([
    [
      'pôle emploi',
      [
        { kind: 'term', stem: 'pol', word: 'pole', prefix: false },
        { kind: 'term', stem: 'emploi', word: 'emploi', prefix: true },
      ],
    ],
    [
      'pôle emploi ',
      [
        { kind: 'term', stem: 'pol', word: 'pole', prefix: false },
        { kind: 'term', stem: 'emploi', word: 'emploi', prefix: false },
      ],
    ],
    ['"pôle emploi"', [{ kind: 'phrase', stems: ['pol', 'emploi'] }]],
    [
      '"pôle emploi',
      [
        { kind: 'term', stem: 'pol', word: 'pole', prefix: false },
        { kind: 'term', stem: 'emploi', word: 'emploi', prefix: true },
      ],
    ],
    [
      'NEAR(a*:-b)',
      [
        // `a` is a French stop word ("il a"): left out like in the index.
        { kind: 'term', stem: 'near', word: 'near', prefix: false },
        { kind: 'term', stem: 'b', word: 'b', prefix: false },
      ],
    ],
    ['***', []],
    // A stop word typed alone may be the start of a longer word; after other words it is left out.
    ['de', [{ kind: 'prefix', word: 'de' }]],
    ['forum de', [{ kind: 'term', stem: 'forum', word: 'forum', prefix: false }]],
    ['forum de ', [{ kind: 'term', stem: 'forum', word: 'forum', prefix: false }]],
  ])('%j', (text, clauses) => {
    expect(parseQuery(text, 'french').clauses).toEqual(clauses);
  });

  it('builds engine queries from words only', () => {
    const query = parseQuery('"inclusion numérique" décl', 'french');
    expect(fts5Match(query)).toBe(
      '{title_stems body_stems} : "inclus numer" AND ({title_stems body_stems} : "decl" OR {title_stems body_stems title_words body_words} : "decl"*)'
    );
    expect(tsQuery(query)).toBe("('inclus':AB <-> 'numer':AB) & ('decl':AB | 'decl':*)");
  });

  it('builds the title pass from the same words, in the title only', () => {
    const query = parseQuery('"inclusion numérique" décl', 'french');
    expect(fts5TitleMatch(query)).toBe(
      '{title_stems} : "inclus numer" AND ({title_stems} : "decl" OR {title_stems title_words} : "decl"*)'
    );
    expect(tsTitleQuery(query)).toBe("('^inclus' & '^numer') & ('^decl' | '^decl':*)");
  });
});

describe('tsvectorLiteral', () => {
  it('weighs title stems A, body stems B, words C and D, with a gap between title and body; marks the title tokens again', () => {
    expect(tsvectorLiteral(analyse('Lille', 'french'), analyse('DéClics', 'french'))).toBe(
      "'lill':1A 'lille':1C 'declic':3B 'declics':3D '^lill' '^lille'"
    );
  });
});

describe('buildSnippet', () => {
  const snippet = (text: string, q: string, words?: number) =>
    buildSnippet(text, parseQuery(q, 'french'), { analyser: 'french', words, before: 2 });

  it('escapes the text and marks matching words', () => {
    expect(snippet('Les "numériques" & <b>co</b>', 'numérique ')).toBe(
      'Les &quot;<mark>numériques</mark>&quot; &amp; &lt;b&gt;co&lt;/b&gt;'
    );
  });

  it('starts near the first match, with ellipses', () => {
    expect(snippet('un deux trois quatre cinq six sept huit', 'cinq ', 3)).toBe('… trois quatre <mark>cinq</mark> …');
  });

  it('marks prefixes of the last word', () => {
    expect(snippet('Le recrutement commence', 'recru')).toBe('Le <mark>recrutement</mark> commence');
  });

  it('gives the start of the text when nothing in it matches', () => {
    expect(snippet('Texte sans rapport', 'lille ')).toBe('Texte sans rapport');
  });
});

describe('extractText', () => {
  it('reads blocks, lists and components, and leaves machinery out', () => {
    const blocks = [
      {
        type: 'heading',
        level: 2,
        children: [
          { type: 'text', text: 'Dé' },
          { type: 'text', text: 'Clics', bold: true },
        ],
      },
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'un' }] }] },
      { type: 'paragraph', children: [{ type: 'link', url: 'https://x.test', children: [{ type: 'text', text: 'lien' }] }] },
    ];
    expect(extractText(blocks)).toBe('DéClics\nun\nlien');
    expect(extractText([{ id: 3, __component: 'content.quote', text: 'Citation', author: 'Ada' }])).toBe('Citation\nAda');
    expect(extractText(null)).toBe('');
  });
});
