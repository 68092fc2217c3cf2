import fc from 'fast-check';
import { describeOnEachDatabase } from '../helpers/eachDatabase';
import { rankingFunctionLoaded, rememberedCounts } from '../../src/plugins/search/server/index/rankingExtension';
import { isOneSegment, keptCountsAndFts5s } from '../helpers/searchIndexDatabase';
import { localeIdRange } from '../../src/plugins/search/server/index/indexTables';

const ARTICLE = 'api::article.article';
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

type Hit = {
  type: string;
  kind: string | null;
  documentId: string;
  title: string;
  url: string | null;
  snippet: string;
  score: number;
  embargo: { until: string; active: boolean } | null;
};

describeOnEachDatabase(
  'full-text search',
  (server, database) => {
    const documents = (uid = ARTICLE) =>
      server().strapi.documents(uid as never) as unknown as {
        create: (params: Record<string, unknown>) => Promise<{ documentId: string }>;
        update: (params: Record<string, unknown>) => Promise<unknown>;
        publish: (params: Record<string, unknown>) => Promise<unknown>;
        unpublish: (params: Record<string, unknown>) => Promise<unknown>;
        discardDraft: (params: Record<string, unknown>) => Promise<unknown>;
        delete: (params: Record<string, unknown>) => Promise<unknown>;
      };
    const article = async (data: Record<string, unknown>, options: { locale?: string; status?: 'published' | 'draft' } = {}) =>
      (await documents().create({ locale: options.locale ?? 'fr', status: options.status ?? 'published', data: { kind: 'news', ...data } }))
        .documentId;

    const search = async (query: Record<string, unknown>, token?: string) => {
      const request = server()
        .http()
        .get('/api/search')
        .query({ locale: 'fr', ...query });
      if (token) request.set('Authorization', `Bearer ${token}`);
      return request;
    };
    const found = async (q: string, query: Record<string, unknown> = {}) => {
      const response = await search({ q, ...query });
      expect(response.status).toBe(200);
      return (response.body.data as Hit[]).map((hit) => hit.title);
    };

    const service = () =>
      server().strapi.plugin('search').service<{
        config: { rankWindow: number };
        search: (
          raw: Record<string, unknown>,
          access: { canReadEmbargoed: boolean; canReadDrafts: boolean }
        ) => Promise<{
          data: Hit[];
          meta: { pagination: { total: number; totalIsExact: boolean; pageCount: number } };
        }>;
      }>('search');

    let ids: Record<string, string> = {};
    beforeAll(async () => {
      ids = {
        numerique: await article({
          title: 'Les métiers numériques recrutent',
          body: paragraph('Une formation aux compétences numériques pour tous.'),
        }),
        declics: await article({ title: 'DéClics 2031 à Lille', standfirst: 'Le forum de l’emploi inclusif revient.' }),
        bodyOnly: await article({ title: 'Rencontre régionale', body: paragraph('On y parle de Lille et de DéClics, le forum.') }),
        html: await article({
          title: 'Balises <b>en gras</b>',
          body: paragraph('Un texte avec <script>alert(1)</script> et le mot inclusion dedans.'),
        }),
        pole: await article({
          title: 'Partenariat avec Pôle emploi',
          body: paragraph('Pôle emploi et l’inclusion numérique avancent ensemble.'),
        }),
      };
      ids.english = await article({ title: 'Publishing our yearly report', body: paragraph('We published it on time.') }, { locale: 'en' });
    });

    it('stems French and English words: "numérique" finds "numériques", "published" finds "publishing"', async () => {
      expect(await found('numérique')).toEqual(
        expect.arrayContaining(['Les métiers numériques recrutent', 'Partenariat avec Pôle emploi'])
      );
      expect(await found('published', { locale: 'en' })).toEqual(['Publishing our yearly report']);
      expect(await found('publishes ', { locale: 'en' })).toEqual(['Publishing our yearly report']);
    });

    it('ignores accents and case: "declics" finds "DéClics"', async () => {
      expect(await found('declics ')).toEqual(['DéClics 2031 à Lille', 'Rencontre régionale']);
      expect(await found('POLE EMPLOI')).toEqual(['Partenariat avec Pôle emploi']);
    });

    it('ranks a title match above a body match', async () => {
      const response = await search({ q: 'declics' });
      const hits = response.body.data as Hit[];
      expect(hits.map((hit) => hit.documentId)).toEqual([ids.declics, ids.bodyOnly]);
      expect(hits[0].score).toBeGreaterThan(hits[1].score);
    });

    (database === 'SQLite' ? it : it.skip)(
      'ranks with the ranking function config/database.ts loads, which remembers the counts of the words searched',
      async () => {
        expect(await rankingFunctionLoaded(server().strapi)).toBe(true);
        await search({ q: 'forum lille' });
        // bm25's scores from remembered counts: tests/unit/plugins/search/rememberedCounts.test.ts.
        expect(await rememberedCounts(server().strapi)).toBeGreaterThanOrEqual(2);
      }
    );

    it('matches the last word as a prefix, while typing', async () => {
      expect(await found('métiers numériq')).toEqual(['Les métiers numériques recrutent']);
      expect(await found('recru')).toEqual(['Les métiers numériques recrutent']);
      // A finished word (followed by a space) is not a prefix.
      expect(await found('recru ')).toEqual([]);
    });

    it('finds phrases in quotes, in their order only', async () => {
      expect(await found('"pôle emploi"')).toEqual(['Partenariat avec Pôle emploi']);
      expect(await found('"emploi pôle"')).toEqual([]);
    });

    it('leaves stop words out of the index and the query; a phrase steps over them', async () => {
      expect(await found('le forum')).toEqual(await found('forum'));
      expect(await found('"forum de l’emploi"')).toEqual(['DéClics 2031 à Lille']);
      expect(await found('"forum emploi"')).toEqual(['DéClics 2031 à Lille']);
      const onlyStopWords = await search({ q: 'le la les ' });
      expect(onlyStopWords.status).toBe(200);
      expect(onlyStopWords.body).toMatchObject({ data: [], meta: { pagination: { total: 0, totalIsExact: true } } });
      // While typing, a stop word may be the start of a longer word: "de" → "DéClics".
      expect(await found('de')).toEqual(expect.arrayContaining(['DéClics 2031 à Lille', 'Rencontre régionale']));
      expect(await found('de ')).toEqual([]);
      // After other words, a last stop word is left out too: a title typed in full finds itself.
      await article({ title: 'Un numérique pour nous' });
      expect(await found('Un numérique pour nous')).toContain('Un numérique pour nous');
      expect(await found('forum de')).toEqual(await found('forum'));
    });

    it('answers with the site URL, the type and an escaped snippet with <mark>', async () => {
      const response = await search({ q: 'inclusion script' });
      const [hit] = response.body.data as Hit[];
      expect(hit.documentId).toBe(ids.html);
      expect(hit.type).toBe('article');
      expect(hit.url).toMatch(/\/fr\/actualites\/balises-/);
      expect(hit.snippet).toBe(
        'Un texte avec &lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; et le mot <mark>inclusion</mark> dedans.'
      );
      expect(response.body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 1, totalIsExact: true });
    });

    it('filters by type and kind, and pages with meta.pagination', async () => {
      await documents('api::partner.partner').create({
        locale: 'fr',
        status: 'published',
        data: { name: 'Lille Emploi Partenaire', kind: 'association' },
      });
      expect(await found('lille', { type: 'partner' })).toEqual(['Lille Emploi Partenaire']);
      expect((await found('lille', { type: 'article,partner' })).length).toBe(3);
      expect(await found('lille', { kind: 'association' })).toEqual(['Lille Emploi Partenaire']);
      const page = await search({ q: 'lille', pagination: { page: 2, pageSize: 2 } });
      expect(page.body.data).toHaveLength(1);
      expect(page.body.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, total: 3, totalIsExact: true });
    });

    describe('kept in step by every Document Service action', () => {
      const titles = async (q: string, locale = 'fr') => found(q, { locale });

      // On SQLite an entry's tokens live in two FTS5 tables (all of them, and its title's again, for the
      // title pass): after every action both hold exactly the entries' rowids, no more, no fewer, and the
      // counts the index keeps for the ranking are those FTS5 finds (keptCounts.ts).
      afterEach(async () => {
        const strapi = server().strapi;
        if (strapi.db.dialect.client === 'postgres') return;
        const idsOf = async (sql: string) =>
          (await strapi.db.connection.raw<Array<{ id: number }>>(sql)).map((row) => row.id).sort((a, b) => a - b);
        const entries = await idsOf('SELECT id FROM search_index_entries');
        expect(entries.length).toBeGreaterThan(0);
        expect(await idsOf('SELECT rowid AS id FROM search_index_fts')).toEqual(entries);
        expect(await idsOf('SELECT rowid AS id FROM search_index_titles')).toEqual(entries);
        const { kept, found } = await keptCountsAndFts5s(strapi.db.connection);
        expect(kept).toEqual(found);
      });

      it('create as draft: not found; publish: found; unpublish: gone', async () => {
        const { documentId } = await documents().create({ locale: 'fr', data: { title: 'Brouillon quinconce', kind: 'news' } });
        expect(await titles('quinconce')).toEqual([]);
        await documents().publish({ documentId, locale: 'fr' });
        expect(await titles('quinconce')).toEqual(['Brouillon quinconce']);
        await documents().unpublish({ documentId, locale: 'fr' });
        expect(await titles('quinconce')).toEqual([]);
      });

      it('update of the draft: the published text still answers until publish; discard draft keeps it', async () => {
        const documentId = await article({ title: 'Version publiée xylophone' });
        await documents().update({ documentId, locale: 'fr', data: { title: 'Version brouillon marimba' } });
        expect(await titles('xylophone')).toEqual(['Version publiée xylophone']);
        expect(await titles('marimba')).toEqual([]);
        await documents().discardDraft({ documentId, locale: 'fr' });
        expect(await titles('xylophone')).toEqual(['Version publiée xylophone']);
        await documents().update({ documentId, locale: 'fr', status: 'published', data: { title: 'Version republiée marimba' } });
        expect(await titles('xylophone')).toEqual([]);
        expect(await titles('marimba')).toEqual(['Version republiée marimba']);
      });

      it('a locale added is found in that locale only; delete removes every locale', async () => {
        const documentId = await article({ title: 'Kaléidoscope solidaire' });
        await documents().update({ documentId, locale: 'en', status: 'published', data: { title: 'Kaleidoscope of solidarity' } });
        expect(await titles('kaleidoscope', 'en')).toEqual(['Kaleidoscope of solidarity']);
        expect(await titles('kaleidoscope', 'fr')).toEqual(['Kaléidoscope solidaire']);
        await documents().delete({ documentId, locale: '*' });
        expect(await titles('kaleidoscope', 'en')).toEqual([]);
        expect(await titles('kaleidoscope', 'fr')).toEqual([]);
      });

      it('a republished text is indexed again; an unchanged entry is left as it is, a draft saved writes nothing', async () => {
        const documentId = await article({ title: 'Atelier mosaïque', body: paragraph('On y parle de céramique.') });
        await documents().update({ documentId, locale: 'en', status: 'published', data: { title: 'Mosaic workshop' } });
        const entryIds = async () =>
          Object.fromEntries(
            (
              (await server()
                .strapi.db.connection('search_index_entries')
                .select('id', 'locale')
                .where({ document_id: documentId })) as Array<{
                id: number | string;
                locale: string;
              }>
            ).map((row) => [row.locale, Number(row.id)])
          );
        const before = await entryIds();
        // Only the body changes: the entry must follow it.
        await documents().update({ documentId, locale: 'fr', status: 'published', data: { body: paragraph('On y parle de vermillon.') } });
        expect(await titles('vermillon')).toEqual(['Atelier mosaïque']);
        expect(await titles('céramique')).toEqual([]);
        const after = await entryIds();
        expect(after.fr).not.toBe(before.fr);
        expect(after.en).toBe(before.en);
        await documents().update({ documentId, locale: 'fr', data: { title: 'Atelier mosaïque (brouillon)' } });
        expect(await entryIds()).toEqual(after);
        expect(await titles('mosaic', 'en')).toEqual(['Mosaic workshop']);
      });

      (database === 'SQLite' ? it : it.skip)(
        "numbers each locale's entries in that locale's own range of ids, each after the last given",
        async () => {
          const documentId = await article({ title: 'Plages de numéros' });
          await documents().update({ documentId, locale: 'en', status: 'published', data: { title: 'Ranges of numbers' } });
          const entries = async () =>
            (await server().strapi.db.connection<{ id: number; locale: string }>('search_index_entries').select('id', 'locale')).map(
              (row) => ({ ...row, range: localeIdRange(row.locale) })
            );
          const given = await entries();
          expect(new Set(given.map((entry) => entry.locale))).toEqual(new Set(['fr', 'en']));
          expect(localeIdRange('fr').first).not.toBe(localeIdRange('en').first);
          for (const { id, locale, range } of given)
            expect({ locale, inRange: id >= range.first && id <= range.last }).toEqual({ locale, inRange: true });
          // Indexed again, every entry takes an id above any its locale had.
          await server().strapi.plugin('search').service('search').rebuild();
          for (const { id, locale, range } of await entries()) {
            const before = Math.max(...given.filter((entry) => entry.locale === locale).map((entry) => entry.id));
            expect({ locale, after: id > before && id <= range.last }).toEqual({ locale, after: true });
          }
        }
      );

      it('search:rebuild gives the same index', async () => {
        // Scores may move a little: FTS5's statistics still count deleted rows until its next merge.
        const withoutScores = (hits: Hit[]) => hits.map(({ score: _score, ...hit }) => hit);
        const before = withoutScores((await search({ q: 'numérique' })).body.data);
        await server().strapi.plugin('search').service('search').rebuild();
        expect(withoutScores((await search({ q: 'numérique' })).body.data)).toEqual(before);
      });

      it('search:rebuild reads the published rows a batch at a time, each batch after the last, and indexes each once', async () => {
        const entries = () =>
          server()
            .strapi.db.connection('search_index_entries')
            .select('uid', 'document_id', 'locale', 'digest')
            .orderBy(['uid', 'document_id', 'locale']);
        const before = await entries();
        // Draft rows sit between the published ones: batches of two cross them.
        expect(before.length).toBeGreaterThan(4);
        await server().strapi.plugin('search').service('search').rebuild({ batchSize: 2 });
        expect(await entries()).toEqual(before);
      });

      it("search:rebuild leaves SQLite's full-text index merged into one segment", async () => {
        const knex = server().strapi.db.connection;
        if (server().strapi.db.dialect.client === 'postgres') return;
        const tables = ['search_index_fts', 'search_index_titles'];
        const hashSize = (bytes: number) =>
          Promise.all(tables.map((table) => knex.raw(`INSERT INTO ${table} (${table}, rank) VALUES ('hashsize', ${bytes})`)));
        // In the SQL: FTS5 refuses a bound number, which better-sqlite3 binds as a real.
        // A small hash for FTS5's pending terms: the rebuild writes many segments, as a large site's does.
        await hashSize(256);
        try {
          await server().strapi.plugin('search').service('search').rebuild();
          for (const table of tables) expect(await isOneSegment(knex, table)).toBe(true);
        } finally {
          await hashSize(1024 * 1024);
        }
      });
    });

    describe('under the visibility rule, checked against the clock at query time', () => {
      const EMBARGO = '2031-03-02T08:00:00.000Z';
      const SCHEDULE = '2031-03-05T08:00:00.000Z';
      let journalistToken: string;
      const hitsFor = async (q: string, token?: string) => {
        const response = await search({ q }, token);
        expect(response.status).toBe(200);
        return {
          titles: (response.body.data as Hit[]).map((hit) => hit.title),
          total: response.body.meta.pagination.total as number,
          hits: response.body.data as Hit[],
        };
      };

      beforeAll(async () => {
        server().setNow('2031-03-01T08:00:00.000Z');
        await article({ title: 'Communiqué embargo zéphyr', kind: 'press-release', embargoUntil: EMBARGO });
        await article({ title: 'Annonce programmée zéphyr', visibleFrom: SCHEDULE });
        await article({ title: 'Brouillon zéphyr' }, { status: 'draft' });
        const tokens = server().strapi.service('admin::api-token');
        journalistToken = (
          (await tokens.create({
            name: `journalist-${Date.now()}`,
            type: 'custom',
            lifespan: null,
            permissions: ['plugin::search.search.find', 'api::article.article.embargoed'],
          })) as { accessKey: string }
        ).accessKey;
      });
      afterAll(() => server().setNow());

      it('one second before the embargo: not found, not counted, not suggested by a prefix', async () => {
        server().setNow('2031-03-02T07:59:59.000Z');
        expect(await hitsFor('zéphyr')).toMatchObject({ titles: [], total: 0 });
        expect(await hitsFor('zéph')).toMatchObject({ titles: [], total: 0 });
        expect(await hitsFor('communiqué embargo')).toMatchObject({ titles: [], total: 0 });
      });

      it('at the embargo instant: found (and the cached empty answer does not outlive it)', async () => {
        server().setNow(EMBARGO);
        expect(await hitsFor('zéphyr')).toMatchObject({ titles: ['Communiqué embargo zéphyr'], total: 1 });
      });

      it('a scheduled document appears at its instant, not a second before', async () => {
        server().setNow('2031-03-05T07:59:59.000Z');
        expect((await hitsFor('zéphyr')).titles).toEqual(['Communiqué embargo zéphyr']);
        server().setNow(SCHEDULE);
        expect((await hitsFor('zéphyr')).titles.sort()).toEqual(['Annonce programmée zéphyr', 'Communiqué embargo zéphyr']);
      });

      it("a journalist's token finds the embargoed release ahead of time, marked as such; never the draft", async () => {
        server().setNow('2031-03-01T09:00:00.000Z');
        const { titles, hits } = await hitsFor('zéphyr', journalistToken);
        expect(titles).toEqual(['Communiqué embargo zéphyr']);
        expect(hits[0].embargo).toEqual({ until: EMBARGO, active: true });
        expect(hits[0].kind).toBe('press-release');
      });
    });

    describe('the rank window (at most `rankWindow` matches ranked and counted)', () => {
      // Eight releases with the same rare word, each held back until its own instant (or not at all).
      const INSTANTS = [null, null, '2032-01-02T00:00:00.000Z', '2032-01-03T00:00:00.000Z', '2032-01-04T00:00:00.000Z'];
      const MOMENTS = ['2032-01-01T00:00:00.000Z', '2032-01-02T00:00:00.000Z', '2032-01-03T12:00:00.000Z', '2032-01-05T00:00:00.000Z'];
      type Held = { title: string; embargo: string | null; schedule: string | null };
      const held: Held[] = [];
      let defaultWindow: number;

      beforeAll(async () => {
        defaultWindow = service().config.rankWindow;
        for (let i = 0; i < 8; i += 1) {
          const entry: Held = {
            title: `Ornithorynque ${i}`,
            embargo: INSTANTS[i % INSTANTS.length],
            schedule: INSTANTS[(i * 3 + 1) % INSTANTS.length],
          };
          await article({ title: entry.title, kind: 'press-release', embargoUntil: entry.embargo, visibleFrom: entry.schedule });
          held.push(entry);
        }
      });
      afterAll(() => {
        service().config.rankWindow = defaultWindow;
        server().setNow();
      });

      it('never ranks, counts or pages past a hidden entry, whatever the window, the clock, the reader and the page', async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.integer({ min: 1, max: 10 }),
            fc.constantFrom(...MOMENTS),
            fc.boolean(),
            fc.integer({ min: 1, max: 3 }),
            async (window, moment, journalist, pageSize) => {
              service().config.rankWindow = window;
              server().setNow(moment);
              const access = { canReadEmbargoed: journalist, canReadDrafts: false };
              const visible = held
                .filter(
                  (entry) =>
                    (entry.schedule === null || entry.schedule <= moment) &&
                    (journalist || entry.embargo === null || entry.embargo <= moment)
                )
                .map((entry) => entry.title)
                .sort();
              const seen: string[] = [];
              let total = -1;
              for (let page = 1; page <= 10; page += 1) {
                const answer = await service().search(
                  { q: 'ornithorynque', locale: 'fr', pagination: { page: String(page), pageSize: String(pageSize) } },
                  access
                );
                total = answer.meta.pagination.total;
                expect(answer.meta.pagination.totalIsExact).toBe(held.length < window);
                if (answer.data.length === 0) break;
                seen.push(...answer.data.map((hit) => hit.title));
              }
              for (const title of seen) expect(visible).toContain(title);
              expect(new Set(seen).size).toBe(seen.length);
              expect(seen.length).toBe(total);
              if (held.length < window) expect(seen.sort()).toEqual(visible);
              else expect(total).toBeLessThanOrEqual(Math.min(window, visible.length));
            }
          ),
          { numRuns: 25 }
        );
      });
    });

    describe('the best match of a common word, whatever its age', () => {
      // The oldest of seven matches holds the word in its title; six later ones hold it three times in their text.
      let best: string;
      let defaultWindow: number;
      beforeAll(async () => {
        defaultWindow = service().config.rankWindow;
        best = await article({ title: 'Tournesol', body: paragraph('Le tournesol des quartiers.') });
        for (let i = 0; i < 6; i += 1) {
          await article({
            title: `Jardin partagé ${i}`,
            body: paragraph(`Un tournesol, puis un autre tournesol, encore un tournesol (${i}).`),
          });
        }
      });
      afterAll(() => {
        service().config.rankWindow = defaultWindow;
      });

      it('is ranked first whatever the window, which still bounds the work and the count', async () => {
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 1, max: 9 }), fc.constantFrom('tournesol', 'tournes', 'TOURNESOLS '), async (window, q) => {
            service().config.rankWindow = window;
            const answer = await service().search({ q, locale: 'fr' }, { canReadEmbargoed: false, canReadDrafts: false });
            expect(answer.data[0]?.documentId).toBe(best);
            // At most the window's recent matches and the window's title matches are ranked and counted.
            expect(answer.meta.pagination.total).toBe(Math.min(7, window + (window < 7 ? 1 : 0)));
            expect(answer.meta.pagination.totalIsExact).toBe(7 < window);
          }),
          { numRuns: 20 }
        );
      });
    });

    describe('bad input', () => {
      const refusal = async (query: Record<string, unknown>, path: string[]) => {
        const response = await server().http().get('/api/search').query(query);
        expect(response.status).toBe(400);
        expect(response.body.error.name).toBe('ValidationError');
        expect(response.body.error.details.errors[0].path).toEqual(path);
      };

      it('answers 400 naming the parameter', async () => {
        await refusal({ locale: 'fr' }, ['q']);
        await refusal({ q: '   ' }, ['q']);
        await refusal({ q: '*** -- :' }, ['q']);
        await refusal({ q: 'a'.repeat(201) }, ['q']);
        await refusal({ q: ['a', 'b'] }, ['q']);
        await refusal({ q: 'un deux trois quatre cinq six sept huit neuf dix onze douze treize' }, ['q']);
        await refusal({ q: 'lille', locale: 'xx' }, ['locale']);
        await refusal({ q: 'lille', type: 'article,recipe' }, ['type']);
        await refusal({ q: 'lille', kind: 'gossip' }, ['kind']);
        await refusal({ q: 'lille', pagination: { page: 'two' } }, ['pagination', 'page']);
        await refusal({ q: 'lille', pagination: { start: 0 } }, ['pagination', 'start']);
        await refusal({ q: 'lille', sort: 'title' }, ['sort']);
      });

      it('reads FTS syntax as plain words', async () => {
        for (const q of [
          '"pôle emploi',
          'pôle*',
          'NEAR(pôle emploi)',
          'title:pôle',
          '-pôle',
          'pôle OR emploi',
          'pôle AND NOT emploi',
          '{title} : pôle',
          "pôle' & emploi",
          'pôle:* | x',
        ]) {
          const response = await search({ q });
          expect(response.status).toBe(200);
        }
        expect(await found('"pôle emploi')).toEqual(['Partenariat avec Pôle emploi']);
        expect(await found('-pôle')).toEqual(['Partenariat avec Pôle emploi']);
      });

      it('never answers 5xx to random text, FTS operators included', async () => {
        const pieces = fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom(
            '"',
            '*',
            'NEAR',
            'NEAR/2',
            ':',
            '-',
            '^',
            '(',
            ')',
            '{',
            '}',
            'AND',
            'OR',
            'NOT',
            "'",
            '\\',
            '|',
            '&',
            '!',
            '<->',
            ':*',
            'pôle',
            'emploi',
            'é',
            '\u0301',
            '\u0000',
            ' '
          )
        );
        await fc.assert(
          fc.asyncProperty(
            fc.array(pieces, { maxLength: 8 }).map((parts) => parts.join('')),
            fc.constantFrom('fr', 'en'),
            async (q, locale) => {
              const response = await search({ q, locale });
              expect(response.status).toBeLessThan(500);
              expect([200, 400]).toContain(response.status);
            }
          ),
          { numRuns: 150 }
        );
      });
    });

    describe('in GraphQL', () => {
      const graphql = (query: string, variables: Record<string, unknown>) => server().http().post('/graphql').send({ query, variables });
      const SEARCH =
        'query($q: String!, $locale: String) { search(q: $q, locale: $locale) { hits { type documentId title snippet score } pagination { total } } }';

      it('answers the same hits as REST', async () => {
        const rest = await search({ q: 'declics' });
        const response = await graphql(SEARCH, { q: 'declics', locale: 'fr' });
        expect(response.body.errors).toBeUndefined();
        expect(response.body.data.search.hits.map((hit: Hit) => hit.documentId)).toEqual(
          (rest.body.data as Hit[]).map((hit) => hit.documentId)
        );
        expect(response.body.data.search.pagination.total).toBe(rest.body.meta.pagination.total);
      });

      it('refuses bad input as a user error naming the argument', async () => {
        const response = await graphql(SEARCH, { q: '***', locale: 'fr' });
        expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(response.body.errors[0].message).toMatch(/^q:/);
      });
    });

    describe('cached like every public read', () => {
      it('has an ETag and Cache-Control, is served from the response cache, and answers 304 to If-None-Match', async () => {
        const first = await search({ q: 'lille' });
        expect(first.headers.etag).toBeDefined();
        expect(first.headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+/);
        const second = await search({ q: 'lille' });
        expect(second.headers['x-passerelle-cache']).toBe('hit');
        expect(second.body).toEqual(first.body);
        const conditional = await server()
          .http()
          .get('/api/search')
          .query({ locale: 'fr', q: 'lille' })
          .set('If-None-Match', first.headers.etag);
        expect(conditional.status).toBe(304);
      });

      it('a publish changes the answer at once', async () => {
        const before = await search({ q: 'lille' });
        await article({ title: 'Nouvelle étape à Lille' });
        const after = await search({ q: 'lille' });
        expect(after.body.meta.pagination.total - before.body.meta.pagination.total).toBe(1);
      });
    });
  },
  { PUBLIC_URL: 'https://api.passerelle.test' }
);
