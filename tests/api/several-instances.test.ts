import { bootStrapi, type TestServer } from '../helpers/strapi';
import { createFullAccessToken, editorClient, type EditorClient } from '../helpers/api';
import { createTestDatabase, POSTGRES_URL } from '../helpers/postgres';
import { startSecondInstance, type SecondInstance } from '../helpers/secondInstance';
import { startWebhookReceiver } from '../helpers/webhookReceiver';

/**
 * Two real instances on one PostgreSQL database: A (this process) takes the writes, B (a child
 * process) serves reads. Whatever A has acknowledged, B must serve at once, and a release is
 * announced once, not once per instance. Both run their scheduled jobs.
 */
const describeOnPostgres = POSTGRES_URL ? describe : describe.skip;

// Widens the race the shared version used to lose: the writer waits this long before moving it.
const VERSION_BUMP_DELAY_MS = '400';

describeOnPostgres('several instances on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TestServer;
  let b: SecondInstance;
  let editor: EditorClient;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startWebhookReceiver();
    a = await bootStrapi({
      env: {
        DATABASE_CLIENT: 'postgres',
        DATABASE_URL: database.url,
        PUBLIC_URL: 'https://api.passerelle.test',
        STRAPI_DISABLE_CRON: 'false',
        PASSERELLE_TEST_VERSION_BUMP_DELAY_MS: VERSION_BUMP_DELAY_MS,
      },
    });
    editor = editorClient(a, await createFullAccessToken(a));
    // Stored before B boots, so both instances load it.
    const webhook = await a.strapi.get('webhookStore').createWebhook({
      name: 'site rebuild',
      url: receiver.url,
      headers: {},
      events: ['entry.visible'],
      isEnabled: true,
    });
    a.strapi.get('webhookRunner').add(webhook);
    b = await startSecondInstance({ PASSERELLE_TEST_VERSION_BUMP_DELAY_MS: '' });
  }, 180000);

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await receiver?.close();
    await database?.drop();
  });

  const readFromB = (path: string) => b.http().get(`/api/${path}`).query({ locale: 'fr' });
  /** Reads until B serves its stored copy (a version still moving from an earlier write ends copies). */
  const storeOnB = async (path: string) => {
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const response = await readFromB(path);
      if (response.headers['x-passerelle-cache'] === 'hit') return response;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`B never served ${path} from its copy`);
  };

  it('serves on B every edit acknowledged by A, though B had the old answer stored', async () => {
    const created = await editor.create(
      'articles',
      { title: 'Deux instances', kind: 'news', standfirst: 'version 0' },
      { locale: 'fr', status: 'published' }
    );
    expect(created.status).toBe(201);
    const id = created.body.data.documentId as string;
    const paths = [`articles/${id}`, 'articles/slug/deux-instances', 'articles'];
    const seen = (body: { data: unknown }) =>
      (Array.isArray(body.data)
        ? (body.data as Array<{ documentId: string; standfirst: string }>).find((entry) => entry.documentId === id)
        : (body.data as { standfirst: string })
      )?.standfirst;

    const stale: string[] = [];
    for (let round = 1; round <= 5; round += 1) {
      for (const path of paths) await storeOnB(path);
      const updated = await editor.update('articles', id, { standfirst: `version ${round}` }, { locale: 'fr', status: 'published' });
      expect(updated.status).toBe(200);
      for (const path of paths) {
        const response = await readFromB(path);
        if (seen(response.body) !== `version ${round}`)
          stale.push(`${path} round ${round}: ${String(seen(response.body))} (${response.headers['x-passerelle-cache']})`);
      }
    }
    expect(stale).toEqual([]);
  });

  it('hides on B at once a release A has just put under embargo, and serves on B the one A has just deleted no more', async () => {
    const created = await editor.create(
      'articles',
      { title: 'Embargo posé ailleurs', kind: 'press-release' },
      { locale: 'fr', status: 'published' }
    );
    const id = created.body.data.documentId as string;
    // B remembers a schedule in which nothing holds articles back, and has the answers stored.
    for (const path of [`articles/${id}`, 'articles/slug/embargo-pose-ailleurs']) expect((await storeOnB(path)).status).toBe(200);
    const embargoed = await editor.update(
      'articles',
      id,
      { embargoUntil: '2099-01-01T00:00:00.000Z' },
      { locale: 'fr', status: 'published' }
    );
    expect(embargoed.status).toBe(200);
    expect((await readFromB(`articles/${id}`)).status).toBe(404);
    expect((await readFromB('articles/slug/embargo-pose-ailleurs')).status).toBe(404);
    expect((await readFromB('articles')).body.data.map((entry: { documentId: string }) => entry.documentId)).not.toContain(id);

    const other = await editor.create('articles', { title: 'Bientôt supprimé', kind: 'news' }, { locale: 'fr', status: 'published' });
    const otherId = other.body.data.documentId as string;
    await storeOnB(`articles/${otherId}`);
    expect((await editor.remove(`articles/${otherId}`, { locale: 'fr' })).status).toBe(204);
    expect((await readFromB(`articles/${otherId}`)).status).toBe(404);
  });

  it('refuses on B at once what A has just revoked from the Public, and answers on B at once what A granted back', async () => {
    const role = (await a.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } })) as { id: number };
    const permissions = a.strapi.db.query('plugin::users-permissions.permission');
    const action = 'plugin::distribution.feed.find';
    const feedOnB = () => b.http().get('/api/feeds/fr/all.json');
    // B has the Public's permissions remembered, and the feed stored.
    expect((await feedOnB()).status).toBe(200);
    expect((await feedOnB()).status).toBe(200);
    await permissions.deleteMany({ where: { role: role.id, action } });
    expect((await feedOnB()).status).toBe(403);
    await permissions.create({ data: { action, role: role.id } });
    expect((await feedOnB()).status).toBe(200);
  });

  it('computes on B the rows a write on A left pending, when A does not (stopped before its refresh)', async () => {
    const created = await editor.create('articles', { title: 'Écrit sur A', kind: 'news' }, { locale: 'fr', status: 'published' });
    const id = created.body.data.documentId as string;
    const readModel = a.strapi.plugin('read-model').service<{ pauseBackgroundWork: (paused: boolean) => void }>('read-model');
    const storedTitle = async () => {
      const row = (await a.strapi.db
        .connection('passerelle_read_model')
        .where({ uid: 'api::article.article', document_id: id, locale: 'fr' })
        .first()) as { data: string | null } | undefined;
      return row?.data ? (JSON.parse(row.data) as { title: string }).title : undefined;
    };
    const pendingNotes = async () =>
      Number(((await a.strapi.db.connection('passerelle_read_model_pending').count({ n: '*' }).first()) as { n: unknown }).n);
    readModel.pauseBackgroundWork(true);
    try {
      expect((await editor.update('articles', id, { title: 'Revu sur A' }, { locale: 'fr', status: 'published' })).status).toBe(200);
      // B answers the new title at once (the note keeps it off the model), and its background work, which
      // looks for notes every second, computes the rows A left.
      expect((await readFromB(`articles/${id}`)).body.data.title).toBe('Revu sur A');
      for (let attempt = 0; attempt < 100 && ((await pendingNotes()) > 0 || (await storedTitle()) !== 'Revu sur A'); attempt += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await pendingNotes()).toBe(0);
      expect(await storedTitle()).toBe('Revu sur A');
    } finally {
      readModel.pauseBackgroundWork(false);
    }
  });

  it('announces a release once per document and locale, though both instances run the announcer', async () => {
    receiver.received.length = 0;
    // Both announcers tick every 10 s; the instant falls just before the next tick.
    const instant = new Date(Date.now() + 2000).toISOString();
    const release = await editor.create(
      'articles',
      { title: 'Annoncé une fois', kind: 'press-release', embargoUntil: instant },
      { locale: 'fr', status: 'published' }
    );
    const id = release.body.data.documentId as string;
    expect(
      (await editor.update('articles', id, { title: 'Announced once', embargoUntil: instant }, { locale: 'en', status: 'published' }))
        .status
    ).toBe(200);

    await receiver.waitFor(2, 20000);
    // Time for a second announcement, if any instance were to send one.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const announced = receiver.received
      .filter((hook) => hook.event === 'entry.visible')
      .map((hook) => `${(hook.entry as { documentId: string }).documentId}/${(hook.entry as { locale: string }).locale}`)
      .sort();
    expect(announced).toEqual([`${id}/en`, `${id}/fr`]);
  }, 40000);
});
