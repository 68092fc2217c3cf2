import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createFullAccessToken, editorClient, publicGet } from '../helpers/api';
import { type TestServer } from '../helpers/strapi';
import { databasesWithRawAccess, restartableServer } from '../helpers/databasesWithRawAccess';
import { transferCliApp } from '../helpers/transferCliApp';

/**
 * The read model is on by default: a write that goes around the Document Service must never be
 * answered from stale copies. Each database below gets the same three proofs: a query-engine write
 * (as the benchmark's generator or a script makes), raw SQL while no instance runs, and `strapi
 * export` then `strapi import` over a database whose model was built. Raw SQL written while an instance
 * serves is noted by triggers, which every read checks in the statement that reads its rows.
 */
const PUBLIC_URL = 'http://api.passerelle.test';
// The model is on by default: no READ_MODEL_* here on purpose.
const BASE_ENV = { PUBLIC_URL, CACHE_RESPONSES_MAX_MB: '0', PASSERELLE_DEMO: 'false' };

/** True when the model serves: built for this app, no write around it noted, no write's rows waiting for their refresh. */
const serving = (server: TestServer): Promise<boolean> =>
  server.strapi.plugin('read-model').service<{ serves: () => Promise<boolean> }>('read-model').serves();

const waitUntilServing = async (server: TestServer) => {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (await serving(server)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the read model never became servable');
};

/** The French answer of a detail read, and the stored copy's title (proof of what the model would answer). */
const titleOf = async (server: TestServer, documentId: string) => {
  const response = await publicGet(server, `articles/${documentId}`, { locale: 'fr' });
  expect(response.status).toBe(200);
  return (response.body as { data: { title: string } }).data.title;
};

const storedTitle = async (server: TestServer, documentId: string) => {
  const row = (await server.strapi.db
    .connection('passerelle_read_model')
    .where({ uid: 'api::article.article', document_id: documentId, locale: 'fr' })
    .first()) as { data: string | null } | undefined;
  return row?.data ? (JSON.parse(row.data) as { title: string }).title : undefined;
};

const createArticle = async (server: TestServer, title: string): Promise<string> => {
  const editor = editorClient(server, await createFullAccessToken(server));
  const created = await editor.create('articles', { title, kind: 'news' }, { locale: 'fr', status: 'published' });
  expect(created.status).toBe(201);
  return created.body.data.documentId as string;
};

describe.each(databasesWithRawAccess())('read model on by default, on $name: writes around the Document Service', (database) => {
  const { boot, stop, databaseFile } = restartableServer(database, BASE_ENV);
  const postgres = database.name === 'PostgreSQL';
  const triggersOnArticles = async (connection: ReturnType<typeof database.rawConnection>) =>
    postgres
      ? (
          (await connection('information_schema.triggers').distinct('trigger_name').where('event_object_table', 'articles')) as Array<{
            trigger_name: string;
          }>
        ).map((row) => row.trigger_name)
      : (
          (await connection('sqlite_master').select('name').where({ type: 'trigger', tbl_name: 'articles' })) as Array<{ name: string }>
        ).map((row) => row.name);

  it('never serves a copy stale after a query-engine write to any watched model (the generator, a script)', async () => {
    const app = await boot();
    const documentId = await createArticle(app, 'Avant le script');
    await waitUntilServing(app);
    expect(await storedTitle(app, documentId)).toBe('Avant le script');
    expect(await titleOf(app, documentId)).toBe('Avant le script');

    // What tests/bench/generate-dataset.js and scripts do: the query engine, no Document Service.
    await app.strapi.db.query('api::article.article').updateMany({ where: { documentId }, data: { title: 'Après le script' } });
    expect(await serving(app)).toBe(false);
    expect(await titleOf(app, documentId)).toBe('Après le script');
    await waitUntilServing(app);
    expect(await storedTitle(app, documentId)).toBe('Après le script');
    expect(await titleOf(app, documentId)).toBe('Après le script');

    // Every model a copy can show, as the plugin computed it from the default populations, is watched:
    // one write to each, outside the Document Service, stops serving at once.
    const state = app.strapi.plugin('read-model').service<{ watchedModels?: Set<string> }>('state');
    const watched = [...(state.watchedModels ?? [])].filter((uid) => uid !== 'plugin::upload.file');
    const served = app.strapi.config.get<{ contentTypes: string[] }>('plugin::read-model').contentTypes;
    expect(watched).toEqual(expect.arrayContaining([...served, 'shared.seo']));
    for (const uid of watched) {
      await waitUntilServing(app);
      await app.strapi.db.query(uid).deleteMany({ where: { id: -1 } });
      expect({ uid, serving: await serving(app) }).toEqual({ uid, serving: false });
    }
    await waitUntilServing(app);
    await stop();
  }, 240000);

  it('keeps serving over writes to draft rows, and stops at a published row unpublished in place', async () => {
    const app = await boot();
    const documentId = await createArticle(app, 'Publié avant');
    const editor = editorClient(app, await createFullAccessToken(app));
    const draftOnly = (await editor.create('articles', { title: 'Brouillon seul', kind: 'news' }, { locale: 'fr', status: 'draft' })).body
      .data.documentId as string;
    await waitUntilServing(app);
    const epoch = async () =>
      Number(
        ((await app.strapi.db.connection('passerelle_read_model_state').where({ id: 1 }).first()) as { epoch: number | string }).epoch
      );
    const epochBefore = await epoch();

    // No stored answer shows a draft: the query engine (a script's clone naming its drafts) and raw SQL
    // from another process, each on a draft row, leave the model serving and its epoch as it was.
    const articles = app.strapi.db.query('api::article.article');
    await articles.update({ where: { documentId, locale: 'fr', publishedAt: null }, data: { title: 'Brouillon du publié' } });
    await articles.update({ where: { documentId: draftOnly, locale: 'fr' }, data: { title: 'Brouillon changé' } });
    // A script's draft row made, then taken away, through the query engine (one-row create and delete).
    const scriptDraft = (await articles.create({
      data: { documentId: 'scriptdraftrow0000000000', locale: 'fr', publishedAt: null, title: 'Brouillon de script', kind: 'news' },
    })) as { id: number };
    await articles.delete({ where: { id: scriptDraft.id } });
    const raw = database.rawConnection({ databaseFile: app.databaseFile });
    try {
      await raw('articles').where({ document_id: draftOnly }).update({ title: 'Brouillon changé par SQL' });
    } finally {
      await raw.destroy();
    }
    expect({ serving: await serving(app), epoch: await epoch() }).toEqual({ serving: true, epoch: epochBefore });
    expect(await titleOf(app, documentId)).toBe('Publié avant');

    // The published row made a draft in place: the written row is a draft, but it was public before.
    const published = (await articles.findOne({ where: { documentId, locale: 'fr', publishedAt: { $notNull: true } } })) as { id: number };
    // (A slug of its own: the unique index allows one draft per slug and locale.)
    await articles.update({ where: { id: published.id }, data: { publishedAt: null, slug: 'depublie-sur-place' } });
    expect(await serving(app)).toBe(false);
    expect((await publicGet(app, `articles/${documentId}`, { locale: 'fr' })).status).toBe(404);
    await waitUntilServing(app);
    expect(await storedTitle(app, documentId)).toBeUndefined();
    expect((await publicGet(app, `articles/${documentId}`, { locale: 'fr' })).status).toBe(404);
    await stop();
  }, 240000);

  it('stops serving at once when another process writes raw SQL while an instance serves', async () => {
    const app = await boot();
    const documentId = await createArticle(app, 'Avant l’outil');
    await waitUntilServing(app);
    const { slug } = (await app.strapi.db.query('api::article.article').findOne({ where: { documentId, locale: 'fr' } })) as {
      slug: string;
    };
    expect(await storedTitle(app, documentId)).toBe('Avant l’outil');

    // Another tool, or another process's `strapi import`: no lifecycle of this instance sees it, only the
    // database's triggers note it, and the next read (detail, slug, list) must already see the note.
    const raw = database.rawConnection({ databaseFile: app.databaseFile });
    try {
      await raw('articles').where({ document_id: documentId }).update({ title: 'Après l’outil' });
    } finally {
      await raw.destroy();
    }
    expect(await titleOf(app, documentId)).toBe('Après l’outil');
    const bySlug = await publicGet(app, `articles/slug/${slug}`, { locale: 'fr' });
    expect((bySlug.body as { data: { title: string } }).data.title).toBe('Après l’outil');
    const list = await publicGet(app, 'articles', { locale: 'fr' });
    const listed = (list.body as { data: Array<{ documentId: string; title: string }> }).data.find(
      (item) => item.documentId === documentId
    );
    expect(listed?.title).toBe('Après l’outil');
    await waitUntilServing(app);
    expect(await storedTitle(app, documentId)).toBe('Après l’outil');
    await stop();
  }, 240000);

  it('does not serve a copy stale after raw SQL written while no instance ran, and replaces the triggers an older version made', async () => {
    let app = await boot();
    const documentId = await createArticle(app, 'Titre avant arrêt');
    await waitUntilServing(app);
    expect(await titleOf(app, documentId)).toBe('Titre avant arrêt');
    await stop();

    // The article table's trigger as a version before dc265b5 made it (every write noted, under the
    // names of then): the next boot must replace it, or every draft's write would still be noted.
    const oldTrigger = postgres ? 'passerelle_rm_w_row_articles' : 'passerelle_rm_w_update_articles';
    const raw = database.rawConnection({ databaseFile: databaseFile() });
    try {
      await raw('articles').where({ document_id: documentId }).update({ title: 'Titre changé à l’arrêt' });
      await raw.raw(
        postgres
          ? `CREATE TRIGGER ${oldTrigger} AFTER INSERT OR UPDATE OR DELETE ON articles FOR EACH ROW EXECUTE FUNCTION passerelle_read_model_note_write()`
          : `CREATE TRIGGER ${oldTrigger} AFTER UPDATE ON articles BEGIN INSERT INTO passerelle_read_model_writes (table_name) VALUES ('articles'); END`
      );
      expect(await triggersOnArticles(raw)).toContain(oldTrigger);
    } finally {
      await raw.destroy();
    }

    app = await boot();
    const after = database.rawConnection({ databaseFile: app.databaseFile });
    try {
      expect(await triggersOnArticles(after)).not.toContain(oldTrigger);
    } finally {
      await after.destroy();
    }
    expect(await titleOf(app, documentId)).toBe('Titre changé à l’arrêt');
    await waitUntilServing(app);
    expect(await storedTitle(app, documentId)).toBe('Titre changé à l’arrêt');
    expect(await titleOf(app, documentId)).toBe('Titre changé à l’arrêt');
    await stop();
  }, 240000);

  it('answers what `strapi import` brought back over a model built from other content (lifecycles off during import)', async () => {
    let app = await boot();
    const documentId = await createArticle(app, 'Titre exporté');
    await waitUntilServing(app);
    await stop();

    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-rm-import-'));
    const cli = transferCliApp();
    const run = (args: string[]) => {
      const result = spawnSync(process.execPath, [cli.strapiBin, ...args], {
        cwd: cli.dir,
        env: { ...process.env },
        encoding: 'utf8',
        timeout: 180000,
      });
      return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
    };
    try {
      // Content only: importing files would move public/uploads aside (Strapi's restore of local assets),
      // taking away the uploads of test files running beside this one.
      expect(run(['export', '--no-encrypt', '--exclude', 'files', '--file', path.join(work, 'backup')])).toMatchObject({ status: 0 });
      const [archive] = fs.readdirSync(work).filter((name) => name.startsWith('backup'));

      app = await boot();
      const editor = editorClient(app, await createFullAccessToken(app));
      expect((await editor.update('articles', documentId, { title: 'Titre modifié' }, { locale: 'fr', status: 'published' })).status).toBe(
        200
      );
      await waitUntilServing(app);
      expect(await storedTitle(app, documentId)).toBe('Titre modifié');
      await stop();

      const imported = run(['import', '--force', '--exclude', 'files', '--file', path.join(work, archive)]);
      expect(imported).toMatchObject({ status: 0 });

      app = await boot();
      expect(await titleOf(app, documentId)).toBe('Titre exporté');
      await waitUntilServing(app);
      expect(await storedTitle(app, documentId)).toBe('Titre exporté');
      expect(await titleOf(app, documentId)).toBe('Titre exporté');
      await stop();
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
      cli.remove();
    }
  }, 480000);
});
