import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UID } from '@strapi/strapi';
import { describeOnEachDatabase } from '../helpers/eachDatabase';
import { makeJpeg } from '../helpers/images';

/**
 * The benchmark's dataset generator (tests/bench/generate-dataset.js) writes rows straight through the
 * query engine. Its rows must be what the Document Service writes, or the benchmark measures another
 * database: dates stored as text on SQLite made every visibility comparison on them wrong (issue 16).
 * A document written by the Document Service is the reference; every table the generator fills is
 * compared with it column by column (type and shape, not values), then the public API must serve the
 * generated documents with their visibility (scheduled and embargoed hidden, order by date right).
 */
const { generateDataset } = require('../bench/generate-dataset') as {
  generateDataset: (strapi: unknown, size: number, options: { log: () => void }) => Promise<number>;
};

const SIZE = 60;
const OWNER_TABLES = ['articles', 'editions', 'partners', 'people', 'programmes', 'press_coverages', 'files'];
const LINK_TABLES = [
  ['articles_cmps', 'entity_id', 'articles'],
  ['editions_cmps', 'entity_id', 'editions'],
  ['partners_cmps', 'entity_id', 'partners'],
  ['press_coverages_cmps', 'entity_id', 'press_coverages'],
  ['articles_editions_lnk', 'article_id', 'articles'],
  ['articles_partners_lnk', 'article_id', 'articles'],
  ['articles_press_contacts_lnk', 'article_id', 'articles'],
  ['editions_programme_lnk', 'edition_id', 'editions'],
  ['people_organisation_lnk', 'person_id', 'people'],
  ['press_coverages_editions_lnk', 'press_coverage_id', 'press_coverages'],
  ['press_coverages_partners_lnk', 'press_coverage_id', 'press_coverages'],
  ['files_related_mph', 'file_id', 'files'],
];
const COMPONENT_TABLES = [
  'components_media_credited_images',
  'components_content_tags',
  'components_shared_seos',
  'components_programme_territories',
  'components_content_outlets',
];
const TABLES = [...OWNER_TABLES, ...LINK_TABLES.map(([table]) => table), ...COMPONENT_TABLES];
type Row = Record<string, unknown>;

/** What a value looks like to the database driver: the type, and for text whether it holds JSON. */
const shapeOf = (value: unknown): string => {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return 'Date';
  if (typeof value === 'string') {
    if (/^[[{]/.test(value)) return 'json text';
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return 'ISO datetime text';
    return 'text';
  }
  if (typeof value === 'object') return Array.isArray(value) ? 'array' : 'object';
  return typeof value;
};

/** Columns where both rows hold a value must hold the same kind of value; `required` must be set in both. */
const expectSameShape = (table: string, reference: Row, generated: Row, required: string[] = []) => {
  expect(Object.keys(generated).sort()).toEqual(Object.keys(reference).sort());
  const differences = Object.keys(reference)
    .filter((column) => reference[column] !== null && generated[column] !== null)
    .filter((column) => shapeOf(reference[column]) !== shapeOf(generated[column]))
    .map((column) => `${table}.${column}: Document Service ${shapeOf(reference[column])}, generator ${shapeOf(generated[column])}`);
  const missing = required
    .filter((column) => reference[column] !== null && generated[column] === null)
    .map((column) => `${table}.${column}: set by the Document Service, empty in the generated row`);
  expect([...differences, ...missing]).toEqual([]);
};

describeOnEachDatabase('The benchmark dataset generator stores what the Document Service stores', (server) => {
  let reference: { article: number[]; documentId: string };
  const lastReferenceId: Record<string, number> = {};

  beforeAll(async () => {
    const { strapi } = server();
    const documents = <T extends UID.ContentType>(uid: T) => strapi.documents(uid);
    const file = path.join(os.tmpdir(), `dataset-generator-${process.pid}.jpg`);
    fs.writeFileSync(file, await makeJpeg(1200, 800));
    const [image] = (await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name: 'reference.jpg', alternativeText: 'Reference' } },
        files: { filepath: file, originalFilename: 'reference.jpg', mimetype: 'image/jpeg', size: fs.statSync(file).size },
      })) as Array<{ id: number }>;
    fs.rmSync(file, { force: true });
    const cover = { image: image.id, alternativeText: 'Une photo de référence', credit: 'Passerelle', licence: 'CC BY 4.0' };

    const programme = await documents('api::programme.programme').create({ locale: 'fr', data: { name: 'Programme de référence' } });
    const edition = await documents('api::edition.edition').create({
      locale: 'fr',
      data: {
        title: 'Édition de référence',
        number: 1,
        startDate: '2024-01-10',
        endDate: '2024-03-10',
        format: 'online',
        territory: { region: 'Bretagne' },
        cover,
        programme: programme.documentId,
      } as never,
    });
    const partner = await documents('api::partner.partner').create({
      locale: 'fr',
      data: { name: 'Partenaire de référence', kind: 'company', logo: cover } as never,
    });
    const person = await documents('api::person.person').create({
      locale: 'fr',
      data: { name: 'Contact de référence', isPressContact: true, email: 'ref@example.org', organisation: partner.documentId } as never,
    });
    for (const [uid, documentId] of [
      ['api::programme.programme', programme.documentId],
      ['api::edition.edition', edition.documentId],
      ['api::partner.partner', partner.documentId],
      ['api::person.person', person.documentId],
    ] as const)
      await documents(uid).publish({ documentId, locale: 'fr' });
    const article = await documents('api::article.article').create({
      locale: 'fr',
      data: {
        title: 'Article de référence',
        kind: 'press-release',
        standfirst: 'Un résumé.',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Un corps de texte.' }] }],
        byline: 'Service communication',
        embargoUntil: '2020-01-01T00:00:00.000Z',
        visibleFrom: '2020-01-01T00:00:00.000Z',
        cover,
        pressImages: [cover],
        tags: [{ label: 'emploi' }, { label: 'jeunesse' }],
        seo: { metaTitle: 'Référence', metaDescription: 'Une description.' },
        editions: [edition.documentId],
        partners: [partner.documentId],
        pressContacts: [person.documentId],
      } as never,
    });
    await documents('api::article.article').publish({ documentId: article.documentId, locale: 'fr' });
    const coverage = await documents('api::press-coverage.press-coverage').create({
      locale: 'fr',
      data: {
        headline: 'Revue de référence',
        outlet: { name: 'Le Journal', website: 'https://journal.example.org' },
        publicationDate: '2024-02-01',
        medium: 'print',
        editions: [edition.documentId],
        partners: [partner.documentId],
      } as never,
    });
    await documents('api::press-coverage.press-coverage').publish({ documentId: coverage.documentId, locale: 'fr' });
    const rows = (await strapi.db.connection('articles').where({ document_id: article.documentId }).orderBy('id')) as Row[];
    reference = { article: rows.map((row) => Number(row.id)), documentId: article.documentId };

    for (const table of TABLES) lastReferenceId[table] = Number(((await strapi.db.connection(table).max('id as id').first()) as Row).id);
    await generateDataset(strapi, SIZE, { log: () => undefined });
  }, 120_000);

  /** Rows the reference documents wrote (before the generator ran), or the generator's. */
  const rowsOf = (table: string, generated: boolean) =>
    server()
      .strapi.db.connection(table)
      .where('id', generated ? '>' : '<=', lastReferenceId[table]);

  it('writes a draft and a published row per document and locale, as Strapi 5 does', async () => {
    const rows = await rowsOf('articles', true).select<Row[]>('document_id', 'locale', 'published_at');
    expect(rows).toHaveLength(SIZE * 4);
    const perDocumentLocale = new Map<string, number>();
    for (const row of rows) {
      const key = `${String(row.document_id)}/${String(row.locale)}/${row.published_at === null ? 'draft' : 'published'}`;
      perDocumentLocale.set(key, (perDocumentLocale.get(key) ?? 0) + 1);
    }
    expect(perDocumentLocale.size).toBe(SIZE * 4);
    expect(reference.article).toHaveLength(2);
  });

  it.each(OWNER_TABLES)('%s: generated rows have the columns and value types of the Document Service’s', async (table) => {
    for (const published of [false, true]) {
      if (table === 'files' && !published) continue;
      const state = (query: ReturnType<typeof rowsOf>) =>
        published ? query.whereNotNull('published_at') : query.whereNull('published_at');
      const referenceRow = (await state(rowsOf(table, false)).orderBy('id').first()) as Row;
      const generatedRow = (await state(rowsOf(table, true)).orderBy('id').first()) as Row;
      expect(referenceRow).toBeDefined();
      expect(generatedRow).toBeDefined();
      expectSameShape(table, referenceRow, generatedRow, [
        'document_id',
        'locale',
        'created_at',
        'updated_at',
        'published_at',
        'formats',
        'url',
      ]);
    }
  });

  it.each(LINK_TABLES)('%s: link rows of generated documents have the shape of the Document Service’s', async (table) => {
    const referenceRows = (await rowsOf(table, false).orderBy('id')) as Row[];
    const generatedRows = (await rowsOf(table, true).orderBy('id')) as Row[];
    expect(referenceRows.length).toBeGreaterThan(0);
    expect(generatedRows.length).toBeGreaterThan(0);
    expectSameShape(table, referenceRows[0], generatedRows[0], Object.keys(referenceRows[0]));
    if ('field' in referenceRows[0]) {
      // Every component field the Document Service filled on these types, the generator fills too.
      const fields = (rows: Row[]) =>
        [...new Set(rows.map((row) => `${String(row.component_type ?? row.related_type)}.${String(row.field)}`))].sort();
      expect(fields(generatedRows)).toEqual(fields(referenceRows));
    }
  });

  it.each(COMPONENT_TABLES)('%s: component rows are the Document Service’s shape', async (table) => {
    const referenceRow = (await rowsOf(table, false).orderBy('id').first()) as Row;
    const generatedRow = (await rowsOf(table, true).orderBy('id').first()) as Row;
    expectSameShape(table, referenceRow, generatedRow);
  });

  it('the public API serves generated articles with their cover, tags and links, and hides scheduled and embargoed ones', async () => {
    const http = server().http();
    const visible = await http.get('/api/articles/slug/actualite-numero-3?locale=fr');
    expect(visible.status).toBe(200);
    const data = visible.body.data as Row & { cover: { image: { url: string; formats: Row } }; tags: unknown[]; editions: unknown[] };
    expect(data).toMatchObject({ slug: 'actualite-numero-3', locale: 'fr', kind: 'news' });
    expect(data.cover.image.url).toMatch(/^\/uploads\/.+\.jpg$/);
    expect(Object.keys(data.cover.image.formats).sort()).toEqual(['large', 'medium', 'small', 'thumbnail']);
    expect(data.tags).toHaveLength(1);
    expect(data.editions).toHaveLength(1);
    expect(typeof data.publishedAt).toBe('string');
    expect(Date.parse(data.publishedAt as string)).toBeLessThan(Date.parse('2026-11-01T00:00:00Z'));

    // i % 40 === 7: scheduled in the future; press release with i % 50 === 2: under embargo.
    for (const hidden of ['actualite-numero-7', 'actualite-numero-47', 'actualite-numero-52'])
      expect((await server().http().get(`/api/articles/slug/${hidden}?locale=fr`)).status).toBe(404);
  });

  it('lists and sorts generated articles with the Document Service’s by date (visibility comparisons work on stored dates)', async () => {
    const response = await server().http().get('/api/articles?locale=fr&sort=publishedAt:desc&pagination[pageSize]=3');
    expect(response.status).toBe(200);
    // 60 generated, 3 hidden, plus the reference article (its embargo and schedule are past).
    expect(response.body.meta.pagination.total).toBe(SIZE - 3 + 1);
    const slugs = (response.body.data as Row[]).map((row) => row.slug);
    // The reference was published now, the generated archive ends on 1 November 2026: it comes first, then the newest generated.
    expect(slugs).toEqual(['article-de-reference', 'actualite-numero-59', 'actualite-numero-58']);
    const oldest = await server().http().get('/api/articles?locale=en&sort=publishedAt:asc&pagination[pageSize]=1');
    expect((oldest.body.data as Row[])[0].slug).toBe('news-item-number-0');
  });
});
