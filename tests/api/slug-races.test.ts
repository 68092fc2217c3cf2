import { adminSession } from '../helpers/admin';
import { errorPaths, publicGet } from '../helpers/api';
import { describeWithEditorOnEachDatabase } from '../helpers/eachDatabase';

/**
 * Two writers that create documents with the same title at the same moment both read the slug as
 * free. The database's unique index refuses the second, which retries with the next suffix: every
 * create succeeds, and no two documents of a locale and state share a slug.
 */
describeWithEditorOnEachDatabase('concurrent slugs', (app) => {
  const slugsOf = async (table: string, locale: string, published: boolean): Promise<string[]> => {
    const rows: Array<{ slug: string }> = await app()
      .server.strapi.db.connection(table)
      .select('slug')
      .where({ locale })
      .modify((query) => {
        if (published) query.whereNotNull('published_at');
        else query.whereNull('published_at');
      });
    return rows.map((row) => row.slug);
  };

  it('gives same-title pairs created at once distinct slugs, every create a success', async () => {
    const pairs = 10;
    const titles = Array.from({ length: pairs }, (_, i) => `Atelier numérique simultané ${i}`);
    const responses = await Promise.all(
      titles.flatMap((title) => [
        app().editor.create('articles', { title, kind: 'news' }, { locale: 'fr', status: 'published' }),
        app().editor.create('articles', { title, kind: 'news' }, { locale: 'fr', status: 'published' }),
      ])
    );
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201));
    for (const published of [false, true]) {
      const slugs = (await slugsOf('articles', 'fr', published)).filter((slug) => slug.startsWith('atelier-numerique-simultane-'));
      expect(slugs).toHaveLength(pairs * 2);
      expect(new Set(slugs).size).toBe(pairs * 2);
    }
  });

  it('gives concurrent press coverages with one headline distinct slugs too', async () => {
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        app().editor.create(
          'press-coverages',
          {
            headline: 'Revue de presse simultanée',
            outlet: { name: 'La Dépêche' },
            publicationDate: '2026-01-01',
            medium: 'print',
            originalLanguage: 'fr',
          },
          { locale: 'fr' }
        )
      )
    );
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(responses.map((response) => response.body.data.slug)).size).toBe(4);
  });

  it('has the database refuse a second draft with the same slug in a locale, as a 400 naming the field', async () => {
    // A slug a French draft holds now, whichever suffix the concurrent creates above left it with.
    const [taken] = (await slugsOf('articles', 'fr', false)).filter((slug) => slug.startsWith('atelier-numerique-simultane-'));
    expect(taken).toBeDefined();
    const refusal = await app()
      .server.strapi.db.connection('articles')
      .insert({
        document_id: 'slugraceaaaaaaaaaaaaaaaa',
        title: 'Doublon',
        slug: taken,
        kind: 'news',
        locale: 'fr',
        published_at: null,
      })
      .then(
        () => undefined,
        (error: unknown) => error
      );
    expect(String((refusal as Error | undefined)?.message)).toMatch(/unique|duplicate key/i);

    const typed = await app().editor.create('articles', { title: 'Un autre', kind: 'news', slug: taken }, { locale: 'fr' });
    // Status and body together, so a failure shows what came back.
    expect({ status: typed.status, paths: errorPaths(typed.body), error: typed.body.error }).toMatchObject({
      status: 400,
      paths: ['slug'],
    });
  });

  it('lets the same slug exist once as a draft and once as published, and in another locale', async () => {
    const english = await app().editor.create('articles', { title: 'Atelier numérique simultané 0', kind: 'news' }, { locale: 'en' });
    expect(english.status).toBe(201);
    expect(english.body.data.slug).toBe('atelier-numerique-simultane-0');
  });

  type Documents = {
    clone: (params: Record<string, unknown>) => Promise<{ documentId: string; entries: Array<{ slug: string; locale: string }> }>;
  };
  const articles = () => app().server.strapi.documents('api::article.article' as never) as unknown as Documents;

  it("duplicates a document (the admin panel's Duplicate): each copy gets a slug of its own, and can be published", async () => {
    const original = await app().editor.create(
      'articles',
      { title: 'Original à dupliquer', kind: 'news' },
      { locale: 'fr', status: 'published' }
    );
    const { documentId } = original.body.data as { documentId: string };
    expect((await app().editor.update('articles', documentId, { title: 'Copy me' }, { locale: 'en', status: 'published' })).status).toBe(
      200
    );

    // The content manager's Duplicate, in French, with the form as the editor left it. The copy is
    // written once, through the Document Service: the read model is not marked out of date (a
    // query-engine write after the clone made it rebuild the whole site's rows after every Duplicate).
    const readModel = app().server.strapi.plugin('read-model').service<{ settle(): Promise<void> }>('read-model');
    const readModelEpoch = async () =>
      Number(
        ((await app().server.strapi.db.connection('passerelle_read_model_state').where({ id: 1 }).first()) as { epoch: number | string })
          .epoch
      );
    await readModel.settle();
    const epochBefore = await readModelEpoch();
    const admin = await adminSession(app().server);
    const cloned = await admin.post(`/content-manager/collection-types/api::article.article/clone/${documentId}`, {
      title: 'Original à dupliquer',
      locale: 'fr',
    });
    expect({ status: cloned.status, slug: cloned.body.data?.slug }).toEqual({ status: 200, slug: 'original-a-dupliquer-2' });
    const copy = cloned.body.data.documentId as string;
    expect(await readModelEpoch()).toBe(epochBefore);
    expect((await app().editor.update('articles', copy, {}, { locale: 'fr', status: 'published' })).status).toBe(200);
    expect((await publicGet(app().server, 'articles/slug/original-a-dupliquer-2', { locale: 'fr' })).body.data.documentId).toBe(copy);
    expect((await publicGet(app().server, 'articles/slug/original-a-dupliquer', { locale: 'fr' })).body.data.documentId).toBe(documentId);

    // Every locale at once (a script's clone): one data for all, a slug per locale from its own title,
    // written to the copies' draft rows after the clone: neither the read model nor the search index
    // holds drafts, so neither takes it for a write around it (a rebuild of the whole site's rows).
    const notesIn = async (table: string) =>
      Number(((await app().server.strapi.db.connection(table).count({ notes: '*' }).first()) as { notes: number | string }).notes);
    await readModel.settle();
    const epochBeforeEveryLocale = await readModelEpoch();
    const everyLocale = await articles().clone({ documentId, locale: '*' });
    expect(everyLocale.entries.map(({ locale, slug }) => [locale, slug]).sort()).toEqual([
      ['en', 'copy-me-2'],
      ['fr', 'original-a-dupliquer-3'],
    ]);
    expect({
      epoch: await readModelEpoch(),
      readModelNotes: await notesIn('passerelle_read_model_writes'),
      searchNotes: await notesIn('search_index_writes'),
    }).toEqual({ epoch: epochBeforeEveryLocale, readModelNotes: 0, searchNotes: 0 });
  });

  it('gives clones of one document made at once distinct slugs, every clone a success', async () => {
    const original = await app().editor.create('articles', { title: 'Source des clones', kind: 'news' }, { locale: 'fr' });
    const { documentId } = original.body.data as { documentId: string };
    const clones = await Promise.all(Array.from({ length: 6 }, () => articles().clone({ documentId, locale: 'fr' })));
    const slugs = clones.map((clone) => clone.entries[0].slug);
    expect(new Set(slugs).size).toBe(6);
    expect(await slugsOf('articles', 'fr', false)).toEqual(expect.arrayContaining(['source-des-clones', ...slugs]));
  });
});
