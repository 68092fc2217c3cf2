import fc from 'fast-check';
import { describeOnEachDatabase } from '../helpers/eachDatabase';
import { waitUntilBuilt } from '../helpers/readModelProperty';

/**
 * `npm run import` (src/plugins/bulk-import): an archive goes in through the Document Service inside
 * one transaction. Every write rule must hold as for an editor's write, and a bad entry must leave
 * nothing written, with an error naming the entry and the field.
 */
type Entry = Record<string, unknown>;
type Tracker = {
  observe(uid: string, documentId: string): Promise<void>;
  stateOf(uid: string, documentId: string, locale: string): Promise<{ state: string }>;
};
type Reindex = (trx: unknown, uid: string, documentIds: string[]) => Promise<void>;
type ImportError = Error & { name: string; details: { errors: Array<{ path: string[]; message: string }> } };

const edition = (slug: string): Entry => ({
  type: 'api::edition.edition',
  locale: 'fr',
  slug,
  fields: {
    title: `Édition ${slug}`,
    number: 3,
    startDate: '2024-01-10',
    endDate: '2024-03-10',
    format: 'hybrid',
    territory: { region: 'Bretagne' },
  },
});
const article = (slug: string, fields: Entry = {}, extra: Entry = {}): Entry => ({
  type: 'api::article.article',
  locale: 'fr',
  slug,
  fields: {
    title: `Article ${slug}`,
    kind: 'news',
    standfirst: 'Un article importé.',
    body: [{ type: 'paragraph', children: [{ type: 'text', text: `Texte importé ${slug.replace(/-/g, '')}.` }] }],
    tags: [{ label: 'archive' }],
    ...fields,
  },
  ...extra,
});

describeOnEachDatabase('npm run import: an archive in one transaction, every write rule kept', (server) => {
  const importArchive = (archive: unknown) =>
    server().strapi.plugin('bulk-import').service('importer').importArchive(archive) as Promise<Entry>;
  const articleRows = async () => Number(((await server().strapi.db.connection('articles').count('id as count').first()) as Entry).count);
  const searchService = () =>
    server().strapi.plugin('search').service<{ rebuild(): Promise<unknown>; reindexDocuments: Reindex }>('search');
  /** A document's translation records: each locale's content hash and the source hash it was written against. */
  const translationRecords = (documentId: string) =>
    server()
      .strapi.db.connection<Entry>('translation_status_records')
      .select('subject_locale', 'content_hash', 'field_hashes', 'based_on_source_hash', 'based_on_field_hashes', 'outdated_since')
      .where({ subject_document_id: documentId })
      .orderBy('subject_locale');
  /** The search index's entries, and on SQLite the rows of its FTS5 tables (which must be the entries' own). */
  const indexSnapshot = async () => {
    const knex = server().strapi.db.connection;
    const entries = await knex<Entry>('search_index_entries').select('id', 'uid', 'document_id', 'locale', 'digest');
    const fullText =
      server().strapi.db.dialect.client === 'sqlite'
        ? await Promise.all(
            ['search_index_fts', 'search_index_titles'].map(async (table) =>
              (await knex<{ rowid: number | string }>(table).select('rowid')).map((row) => Number(row.rowid)).sort((a, b) => a - b)
            )
          )
        : [];
    const ids = entries.map((entry) => Number(entry.id)).sort((a, b) => a - b);
    for (const rowids of fullText) expect(rowids).toEqual(ids);
    return entries
      .map(({ uid, document_id, locale, digest }) => `${String(uid)} ${String(document_id)} ${String(locale)} ${String(digest)}`)
      .sort();
  };
  const refusal = async (archive: unknown): Promise<ImportError> => {
    const before = await articleRows();
    const error = (await importArchive(archive).then(
      () => undefined,
      (caught: unknown) => caught
    )) as ImportError | undefined;
    expect(error).toBeDefined();
    expect(error?.name).toBe('ValidationError');
    // Nothing half-written: the entries before the bad one were rolled back too.
    expect(await articleRows()).toBe(before);
    return error as ImportError;
  };

  it('imports documents, translations and relations by slug, served by the public API, indexed and with caches dropped', async () => {
    const http = () => server().http();
    await waitUntilBuilt(server().strapi);
    const listBefore = await http().get('/api/articles?locale=fr');
    expect(listBefore.status).toBe(200);
    const report = await importArchive({
      documents: [
        edition('edition-importee'),
        article('import-un', {}, { relations: { editions: ['edition-importee'] } }),
        {
          ...article('import-one', { title: 'Imported one', standfirst: 'An imported article.' }),
          locale: 'en',
          translationOf: { locale: 'fr', slug: 'import-un' },
        },
        article('import-programme', { visibleFrom: '2099-01-01T00:00:00.000Z' }),
        article('import-brouillon', {}, { status: 'draft' }),
      ],
    });
    expect(report).toEqual({ documents: 5, published: 4, translations: 1 });
    // The import's writes were the read model's own: it serves at once, with no rebuild pending.
    expect(await server().strapi.plugin('read-model').service<{ serves(): Promise<boolean> }>('read-model').serves()).toBe(true);

    const fr = await http().get('/api/articles/slug/import-un?locale=fr');
    expect(fr.status).toBe(200);
    expect(fr.body.data).toMatchObject({ slug: 'import-un', title: 'Article import-un', tags: [{ label: 'archive' }] });
    expect(fr.body.data.editions.map((linked: Entry) => linked.slug)).toEqual(['edition-importee']);
    const en = await http().get('/api/articles/slug/import-one?locale=en');
    expect(en.status).toBe(200);
    expect(en.body.data.documentId).toBe(fr.body.data.documentId);
    // Visibility fields hold: scheduled and draft entries are not public.
    expect((await http().get('/api/articles/slug/import-programme?locale=fr')).status).toBe(404);
    expect((await http().get('/api/articles/slug/import-brouillon?locale=fr')).status).toBe(404);
    // The content version moved: the list asked before the import shows the new article now.
    const listAfter = await http().get('/api/articles?locale=fr');
    expect(listAfter.body.meta.pagination.total).toBe(Number(listBefore.body.meta.pagination.total) + 1);
    // The read model's rows, computed once at the end of the import, are what the Document Service answers now.
    const { differences } = (await server().strapi.plugin('read-model').service('read-model').check()) as { differences: unknown[] };
    expect(differences).toEqual([]);
    // The search index was kept in step by the same writes.
    const search = await http().get('/api/search?q=importun&locale=fr');
    expect(search.status).toBe(200);
    expect(JSON.stringify(search.body)).toContain('import-un');
    // Translation records, written once at the import's end: what observing each document afresh gives,
    // and the English version, imported with its French source, current.
    const documentId = fr.body.data.documentId as string;
    const tracker = server().strapi.plugin('translation-status').service<Tracker>('tracker');
    const recorded = await translationRecords(documentId);
    expect(recorded.map((record) => record.subject_locale)).toEqual(['en', 'fr']);
    await server().strapi.db.connection('translation_status_records').where({ subject_document_id: documentId }).delete();
    await tracker.observe('api::article.article', documentId);
    expect(await translationRecords(documentId)).toEqual(recorded);
    expect((await tracker.stateOf('api::article.article', documentId, 'en')).state).toBe('current');
    // Indexed once, at the import's end: the index holds exactly what rebuilding it from the database gives.
    const indexed = await indexSnapshot();
    await searchService().rebuild();
    expect(indexed).toEqual(await indexSnapshot());
  });

  it('records, indexes and serves every document of an archive larger than one read of the batch end', async () => {
    // More documents of one type than the translation records and the search index read at once (100 and 200).
    const slugs = Array.from({ length: 210 }, (_, index) => `import-lot-${index}`);
    const report = await importArchive({ documents: [edition('edition-du-lot'), ...slugs.map((slug) => article(slug))] });
    expect(report).toMatchObject({ documents: slugs.length + 1 });
    const rows = await server().strapi.db.connection<Entry>('articles').distinct('document_id').whereIn('slug', slugs);
    const recorded = await server()
      .strapi.db.connection<Entry>('translation_status_records')
      .distinct('subject_document_id')
      .whereIn(
        'subject_document_id',
        rows.map((row) => row.document_id as string)
      );
    expect(recorded).toHaveLength(slugs.length);
    const { differences } = (await server().strapi.plugin('read-model').service('read-model').check()) as { differences: unknown[] };
    expect(differences).toEqual([]);
    const indexed = await indexSnapshot();
    await searchService().rebuild();
    expect(indexed).toEqual(await indexSnapshot());
  });

  it('writes nothing when indexing fails at the end of the import', async () => {
    const before = { articles: await articleRows(), index: await indexSnapshot() };
    const service = searchService();
    const reindexDocuments = service.reindexDocuments;
    service.reindexDocuments = () => Promise.reject(new Error('index unavailable'));
    try {
      await expect(importArchive({ documents: [article('index-en-panne')] })).rejects.toThrow('index unavailable');
    } finally {
      service.reindexDocuments = reindexDocuments;
    }
    expect({ articles: await articleRows(), index: await indexSnapshot() }).toEqual(before);
  });

  it('refuses a field the schema forbids, naming the entry and the field, and writes nothing', async () => {
    const error = await refusal({
      documents: [article('valide-un'), article('valide-deux'), article('trop-long', { title: 'x'.repeat(161) })],
    });
    expect(error.message).toContain('documents[2]');
    expect(error.message).toContain('trop-long');
    expect(error.details.errors[0].path).toEqual(['documents', '2', 'fields', 'title']);
  });

  it('keeps the editorial rules: an embargo on a news item is refused', async () => {
    const error = await refusal({
      documents: [article('regle-ok'), article('embargo-news', { embargoUntil: '2099-01-01T00:00:00.000Z' })],
    });
    expect(error.details.errors[0].path).toEqual(['documents', '1', 'fields', 'embargoUntil']);
  });

  it('keeps slugs unique per locale, within the archive and against stored documents', async () => {
    const twice = await refusal({ documents: [article('meme-slug'), article('meme-slug')] });
    expect(twice.details.errors[0].path).toEqual(['documents', '1', 'fields', 'slug']);
    const stored = await refusal({ documents: [article('nouveau-slug'), article('import-un')] });
    expect(stored.details.errors[0].path).toEqual(['documents', '1', 'fields', 'slug']);
  });

  it('names unknown types, locales, fields and linked slugs before writing anything', async () => {
    expect((await refusal({ documents: [article('a1'), { ...article('a2'), type: 'api::nope.nope' }] })).details.errors[0].path).toEqual([
      'documents',
      '1',
      'type',
    ]);
    expect((await refusal({ documents: [{ ...article('a3'), locale: 'de' }] })).details.errors[0].path).toEqual([
      'documents',
      '0',
      'locale',
    ]);
    expect((await refusal({ documents: [article('a4', { colour: 'blue' })] })).details.errors[0].path).toEqual([
      'documents',
      '0',
      'fields',
      'colour',
    ]);
    expect((await refusal({ documents: [article('a5', {}, { relations: { editions: ['absente'] } })] })).details.errors[0].path).toEqual([
      'documents',
      '0',
      'relations',
      'editions',
    ]);
    expect((await refusal({ documents: [{ ...article('a6'), extra: true }] })).message).toContain('documents[0]');
  });

  it('all or nothing, whatever the archive (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), async (validity) => {
        run += 1;
        const documents = validity.map((valid, n) => article(`propriete-${run}-${n}`, valid ? {} : { kind: 'not-a-kind' }));
        const before = await articleRows();
        const outcome = await importArchive({ documents }).then(
          () => 'imported',
          (error: unknown) => (error as ImportError).details.errors[0].path.slice(0, 2).join('.')
        );
        const firstBad = validity.indexOf(false);
        if (firstBad < 0) {
          expect(outcome).toBe('imported');
          expect(await articleRows()).toBe(before + validity.length * 2);
        } else {
          expect(outcome).toBe(`documents.${firstBad}`);
          expect(await articleRows()).toBe(before);
        }
      }),
      { numRuns: 6 }
    );
  });
});
