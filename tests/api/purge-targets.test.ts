import { createFullAccessToken, editorClient, type EditorClient } from '../helpers/api';
import { createTestDatabase, POSTGRES_URL } from '../helpers/postgres';
import path from 'node:path';
import { bootStrapi, DIST_DIR, type TestServer } from '../helpers/strapi';
import { startWebhookReceiver } from '../helpers/webhookReceiver';

type Purge = { surrogateKeys: string[]; paths: string[]; pages: string[] };

/**
 * The webhook's `purge` for relations held in components, which have no inverse attribute: an
 * edition's workshop names its host partner. A receiver that purges by path (nginx, a CDN without
 * surrogate keys) and the site's page rebuilds need the edition when the partner changes, and both
 * partners when the host changes. On SQLite, and on PostgreSQL when TEST_POSTGRES_URL is set: the
 * reverse lookup filters through component tables.
 */
const DATABASES = ['sqlite', ...(POSTGRES_URL ? ['postgres'] : [])];

describe.each(DATABASES)('purge targets through components on %s', (database) => {
  let server: TestServer;
  let editor: EditorClient;
  let dropDatabase: (() => Promise<void>) | undefined;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    const env: Record<string, string> = {};
    if (database === 'postgres') {
      const created = await createTestDatabase();
      dropDatabase = created.drop;
      Object.assign(env, { DATABASE_CLIENT: 'postgres', DATABASE_URL: created.url });
    }
    server = await bootStrapi({ env });
    editor = editorClient(server, await createFullAccessToken(server));
    receiver = await startWebhookReceiver();
    const webhook = await server.strapi.get('webhookStore').createWebhook({
      name: 'purge receiver',
      url: receiver.url,
      headers: {},
      events: ['entry.update', 'entry.publish'],
      isEnabled: true,
    });
    server.strapi.get('webhookRunner').add(webhook);
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.destroy();
    await dropDatabase?.();
  });

  /**
   * Every purge the events of one document's write carried (a REST update with status=published
   * sends update, then publish); events of the setup's writes may still be arriving, so they are left out.
   */
  const purgesOf = async (uid: string, documentId: string, seen: number, events: number): Promise<Purge> => {
    const ofWrite = () =>
      receiver.received.slice(seen).filter((hook) => hook.uid === uid && (hook.entry as { documentId?: string }).documentId === documentId);
    while (ofWrite().length < events) await receiver.waitFor(receiver.received.length + 1);
    const purges = ofWrite().map((hook) => hook.purge as Purge);
    return {
      surrogateKeys: [...new Set(purges.flatMap((purge) => purge.surrogateKeys))],
      paths: [...new Set(purges.flatMap((purge) => purge.paths))],
      pages: [...new Set(purges.flatMap((purge) => purge.pages))],
    };
  };

  const createPartner = async (name: string) => {
    const created = await editor.create('partners', { name, kind: 'company' }, { locale: 'fr', status: 'published' });
    expect(created.status).toBe(201);
    return created.body.data as { documentId: string; slug: string };
  };

  const createEdition = async (hostId: string) => {
    const created = await editor.create(
      'editions',
      {
        title: `Édition avec atelier ${Date.now()}`,
        number: 3,
        territory: { region: 'Occitanie' },
        startDate: '2026-09-28',
        endDate: '2026-10-05',
        format: 'hybrid',
        workshops: [{ title: 'Atelier CV', host: hostId }],
      },
      { locale: 'fr', status: 'published' }
    );
    expect(created.status).toBe(201);
    return created.body.data as { documentId: string; slug: string };
  };

  it('names the editions whose workshops a renamed partner hosts, with their paths and site pages', async () => {
    const host = await createPartner(`Hôte ${database}`);
    const edition = await createEdition(host.documentId);

    const seen = receiver.received.length;
    const renamed = await editor.update(
      'partners',
      host.documentId,
      { name: `Hôte renommé ${database}` },
      { locale: 'fr', status: 'published' }
    );
    expect(renamed.status).toBe(200);
    const purge = await purgesOf('api::partner.partner', host.documentId, seen, 2);

    expect(purge.paths).toEqual(expect.arrayContaining([`/api/editions/${edition.documentId}`, `/api/editions/slug/${edition.slug}`]));
    expect(purge.pages).toEqual(expect.arrayContaining([`http://localhost:3000/fr/editions/${edition.slug}`]));
    expect(purge.surrogateKeys).toEqual(expect.arrayContaining([`doc:${edition.documentId}`]));
  });

  it('names the old and the new host when a workshop changes host', async () => {
    const oldHost = await createPartner(`Ancien hôte ${database}`);
    const newHost = await createPartner(`Nouvel hôte ${database}`);
    const edition = await createEdition(oldHost.documentId);

    const seen = receiver.received.length;
    const edited = await editor.update(
      'editions',
      edition.documentId,
      { workshops: [{ title: 'Atelier CV', host: newHost.documentId }] },
      { locale: 'fr', status: 'published' }
    );
    expect(edited.status).toBe(200);
    const purge = await purgesOf('api::edition.edition', edition.documentId, seen, 2);

    for (const host of [oldHost, newHost]) {
      expect(purge.paths).toEqual(expect.arrayContaining([`/api/partners/${host.documentId}`, `/api/partners/slug/${host.slug}`]));
      expect(purge.pages).toEqual(expect.arrayContaining([`http://localhost:3000/fr/partenaires/${host.slug}`]));
      expect(purge.surrogateKeys).toEqual(expect.arrayContaining([`doc:${host.documentId}`]));
    }
  });
});

/**
 * The targets are read for the webhooks that carry them, and for nothing else: with no webhook
 * enabled for an entry event, a write reads no published state for them (a sixth of Passerelle's
 * statements in a write); a webhook enabled, or added, in the admin panel has them from its next write.
 * Also checks that the webhook runner's table still looks as `sendsWebhookFor` (strapiInternals) reads it.
 */
describe('purge targets only while a webhook carries them', () => {
  let server: TestServer;
  let editor: EditorClient;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const reads = { count: 0 };

  beforeAll(async () => {
    server = await bootStrapi();
    editor = editorClient(server, await createFullAccessToken(server));
    receiver = await startWebhookReceiver();
    const publicState = require(
      path.join(DIST_DIR, 'src', 'plugins', 'response-cache', 'server', 'http-cache', 'publicState.js')
    ) as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const original = publicState.readPublicStates;
    publicState.readPublicStates = async (...args: unknown[]) => {
      reads.count += 1;
      return original(...args);
    };
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.destroy();
  });

  const publishAndEdit = async (title: string) => {
    const created = await editor.create('articles', { title, kind: 'news' }, { locale: 'fr', status: 'published' });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    expect(
      (await editor.update('articles', documentId, { title: `${title} (modifié)` }, { locale: 'fr', status: 'published' })).status
    ).toBe(200);
    return documentId;
  };

  it('reads none without an enabled webhook, and reads them once one is enabled', async () => {
    await publishAndEdit('Sans webhook');
    expect(reads.count).toBe(0);

    const runner = server.strapi.get('webhookRunner');
    const store = server.strapi.get('webhookStore');
    // Strapi's store creates a webhook enabled; staff then switch it off in the admin panel.
    const created = await store.createWebhook({ name: 'purge', url: receiver.url, headers: {}, events: ['entry.update'] });
    const disabled = await store.updateWebhook(created.id, { ...created, isEnabled: false });
    runner.add(disabled);
    await publishAndEdit('Webhook désactivé');
    expect(reads.count).toBe(0);

    runner.update(await store.updateWebhook(created.id, { ...created, isEnabled: true }));
    const documentId = await publishAndEdit('Webhook activé');
    expect(reads.count).toBeGreaterThan(0);
    await receiver.waitFor(1);
    const hook = receiver.received.find((received) => (received.entry as { documentId?: string }).documentId === documentId);
    expect((hook?.purge as Purge | undefined)?.paths).toEqual(expect.arrayContaining([`/api/articles/${documentId}`]));
  });
});
