import fc from 'fast-check';
import { mergeFallbackPage, parseSort } from '../../../src/lib/lists/mergeFallbackPage';
import { pageWindow } from '../../../src/lib/lists/pageWindow';
import { parseLocaleQuery } from '../../../src/lib/locales/localeQuery';

describe('parseSort', () => {
  it.each([
    [undefined, []],
    ['title', [{ field: 'title', order: 'asc' }]],
    [
      'title:desc,publishedAt',
      [
        { field: 'title', order: 'desc' },
        { field: 'publishedAt', order: 'asc' },
      ],
    ],
    [['title:DESC'], [{ field: 'title', order: 'desc' }]],
    [{ title: 'desc' }, [{ field: 'title', order: 'desc' }]],
  ])('%j → %j', (sort, expected) => {
    expect(parseSort(sort)).toEqual(expected);
  });
});

describe('mergeFallbackPage', () => {
  const en = [
    { documentId: 'a', title: 'Apple' },
    { documentId: 'c', title: 'Cherry' },
  ];
  const fr = [
    { documentId: 'a', title: 'Abricot' },
    { documentId: 'b', title: 'Banane' },
    { documentId: 'd', title: 'Datte' },
  ];
  const sort = [{ field: 'title', order: 'asc' as const }];

  it('serves each document once, in the requested locale when it exists', () => {
    const { entries, total } = mergeFallbackPage(en, fr, 'en', 'fr', sort, { start: 0, limit: 10 });
    expect(total).toBe(4);
    expect(entries).toEqual([
      { documentId: 'a', locale: 'en' },
      { documentId: 'b', locale: 'fr' },
      { documentId: 'c', locale: 'en' },
      { documentId: 'd', locale: 'fr' },
    ]);
  });

  it.each([
    // Swedish sorts « ä » after « z », German beside « a »: the order is the default locale's, not a fixed one.
    ['sv', ['z', 'ae']],
    ['de', ['ae', 'z']],
  ])('compares text as the default locale %s sorts it', (defaultLocale, expected) => {
    const requested = [{ documentId: 'ae', title: 'ä' }];
    const fallback = [{ documentId: 'z', title: 'z' }];
    const { entries } = mergeFallbackPage(requested, fallback, 'en', defaultLocale, sort, { start: 0, limit: 10 });
    expect(entries.map((entry) => entry.documentId)).toEqual(expected);
  });

  it('still sorts when the default locale is a code Intl does not parse', () => {
    const { entries } = mergeFallbackPage([{ documentId: 'b', title: 'b' }], [{ documentId: 'a', title: 'a' }], 'en', 'x_y', sort, {
      start: 0,
      limit: 10,
    });
    expect(entries.map((entry) => entry.documentId)).toEqual(['a', 'b']);
  });

  it('cuts the requested page', () => {
    expect(mergeFallbackPage(en, fr, 'en', 'fr', sort, { start: 2, limit: 1 }).entries).toEqual([{ documentId: 'c', locale: 'en' }]);
  });

  it('needs each list only as far as the page reaches, whatever order the database gave (property)', () => {
    const rows = (prefix: string) =>
      fc
        .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.string({ maxLength: 3 })), { selector: ([id]) => id, maxLength: 20 })
        .map((list) => list.map(([id, title]) => ({ documentId: `${prefix}${id}`, title })));
    fc.assert(
      fc.property(rows('d'), rows('d'), fc.nat(25), fc.integer({ min: 1, max: 10 }), (requested, fallback, start, limit) => {
        const whole = mergeFallbackPage(requested, fallback, 'en', 'fr', sort, { start, limit }).entries;
        const reach = start + limit;
        // What the database sends: each locale's list cut at the page's end (the default one with the requested documents left out).
        const inRequested = new Set(requested.map((row) => row.documentId));
        const cut = mergeFallbackPage(
          requested.slice(0, reach),
          fallback.filter((row) => !inRequested.has(row.documentId)).slice(0, reach),
          'en',
          'fr',
          sort,
          { start, limit }
        );
        expect(cut.entries).toEqual(whole);
      })
    );
  });
});

describe('pageWindow', () => {
  const limits = { defaultLimit: 25, maxLimit: 100 };
  it.each([
    [undefined, { start: 0, limit: 25 }],
    [
      { page: '3', pageSize: '10' },
      { start: 20, limit: 10 },
    ],
    [{ pageSize: 5000 }, { start: 0, limit: 100 }],
    [
      { start: 40, limit: 20 },
      { start: 40, limit: 20 },
    ],
    [{ page: 'abc' }, { start: 0, limit: 25 }],
  ])('%j → %j', (pagination, expected) => {
    const window = pageWindow(pagination, limits);
    expect({ start: window.start, limit: window.limit }).toEqual(expected);
  });
});

describe('parseLocaleQuery', () => {
  const known = ['fr', 'en'];
  it.each([
    [{}, { requested: 'fr', fallback: false, defaultLocale: 'fr' }],
    [{ locale: 'en' }, { requested: 'en', fallback: false, defaultLocale: 'fr' }],
    [
      { locale: 'en', fallback: 'true' },
      { requested: 'en', fallback: true, defaultLocale: 'fr' },
    ],
    [
      { locale: 'en', fallback: '0' },
      { requested: 'en', fallback: false, defaultLocale: 'fr' },
    ],
  ])('%j → %j', (query, expected) => {
    expect(parseLocaleQuery(query, known, 'fr')).toEqual(expected);
  });
  it.each([
    [{ locale: 'de' }, 'locale'],
    [{ locale: ['fr', 'en'] }, 'locale'],
    [{ fallback: 'yes please' }, 'fallback'],
  ])('%j is refused naming %s', (query, field) => {
    try {
      parseLocaleQuery(query, known, 'fr');
      throw new Error('accepted');
    } catch (error) {
      expect((error as { details: { errors: Array<{ path: string[] }> } }).details.errors[0].path).toEqual([field]);
    }
  });
});
