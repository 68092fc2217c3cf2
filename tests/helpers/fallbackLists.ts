import { publicGet, type EditorClient } from './api';
import type { TestServer } from './strapi';

type Entry = { documentId: string; locale: string; title: string };

const FRENCH_ONLY = 14;
const TRANSLATED = 6;
const letter = (n: number) => String.fromCharCode(65 + n);

/**
 * Fallback lists against a real instance: the pages together are the whole list, in order, and a
 * page reads only as many article rows as it reaches (counted with a knex query listener). Titles
 * have no spaces and vary only in capitals before lower case, so that SQLite's and PostgreSQL's
 * collations and a plain comparison order them alike. Call inside a `describe`.
 */
export const checkFallbackLists = (app: { server: TestServer; editor: EditorClient }) => {
  beforeAll(async () => {
    for (let n = 0; n < FRENCH_ONLY; n += 1) {
      await app.editor.create('articles', { title: `Fallback${letter(n)}seulement`, kind: 'news' }, { locale: 'fr', status: 'published' });
    }
    for (let n = 0; n < TRANSLATED; n += 1) {
      const twice = `${letter(2 * n)}${letter(2 * n)}`;
      const created = await app.editor.create(
        'articles',
        { title: `Fallback${twice}version`, kind: 'news' },
        { locale: 'fr', status: 'published' }
      );
      await app.editor.update(
        'articles',
        created.body.data.documentId,
        { title: `Fallback${twice}english` },
        { locale: 'en', status: 'published' }
      );
    }
  });

  /** What the fallback list must be: every document, in English where it has English, sorted by title. */
  const expectedList = async (): Promise<Entry[]> => {
    const list = async (locale: string) =>
      (
        await publicGet(app.server, 'articles', {
          locale,
          fields: ['title'],
          filters: { title: { $startsWith: 'Fallback' } },
          pagination: { pageSize: 100 },
        })
      ).body.data as Entry[];
    const english = await list('en');
    const french = (await list('fr')).filter((entry) => !english.some((other) => other.documentId === entry.documentId));
    return [...english, ...french].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  };

  it('gives the same documents, in the same order, page after page', async () => {
    const expected = await expectedList();
    expect(expected).toHaveLength(FRENCH_ONLY + TRANSLATED);
    const pages: Entry[] = [];
    for (let page = 1; page <= 5; page += 1) {
      const response = await publicGet(app.server, 'articles', {
        locale: 'en',
        fallback: 'true',
        sort: 'title:asc',
        fields: ['title'],
        filters: { title: { $startsWith: 'Fallback' } },
        pagination: { page, pageSize: 5 },
      });
      expect(response.status).toBe(200);
      expect(response.body.meta.pagination).toEqual({ page, pageSize: 5, pageCount: 4, total: FRENCH_ONLY + TRANSLATED });
      pages.push(...response.body.data);
    }
    const shape = ({ documentId, locale, title }: Entry) => ({ documentId, locale, title });
    expect(pages.map(shape)).toEqual(expected.map(shape));
  });

  it('reads from the database only as far as the page reaches', async () => {
    const rowsRead: number[] = [];
    const countArticleRows = (response: unknown, query: { sql?: string }) => {
      // SQLite answers a select with its rows, PostgreSQL with a result holding them.
      const rows = Array.isArray(response) ? response : (response as { rows?: unknown[] } | undefined)?.rows;
      // PostgreSQL names the schema: from "public"."articles".
      if (/from (?:"\w+"\.)?[`"]articles[`"]/i.test(query.sql ?? '') && Array.isArray(rows)) rowsRead.push(rows.length);
    };
    const knex = app.server.strapi.db.connection;
    knex.on('query-response', countArticleRows);
    try {
      const response = await publicGet(app.server, 'articles', {
        locale: 'en',
        fallback: 'true',
        sort: 'title:asc',
        fields: ['title'],
        pagination: { page: 1, pageSize: 2 },
      });
      expect(response.status).toBe(200);
      expect(response.body.data).toHaveLength(2);
    } finally {
      knex.off('query-response', countArticleRows);
    }
    // Two lists of at most 2 rows, two counts (one row each), the page itself (2 rows): never all 26 rows.
    expect(rowsRead.length).toBeGreaterThan(0);
    expect(rowsRead.reduce((sum, rows) => sum + rows, 0)).toBeLessThanOrEqual(2 + 2 + 1 + 1 + 2);
  });
};
