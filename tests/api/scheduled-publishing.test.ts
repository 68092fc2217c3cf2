import path from 'node:path';
import { bootStrapi, DIST_DIR, type TestServer } from '../helpers/strapi';
import { createFullAccessToken, editorClient, publicGet, type EditorClient } from '../helpers/api';
import { startWebhookReceiver } from '../helpers/webhookReceiver';

const GO_LIVE = '2031-06-01T08:00:00.000Z';
const EMBARGO = '2031-06-02T08:00:00.000Z';

describe('scheduled publishing and the entry.visible webhook', () => {
  let server: TestServer;
  let editor: EditorClient;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let partnerId: string;
  let releaseId: string;

  const announce = async () => {
    const { announceVisibilityChanges } = require(path.join(DIST_DIR, 'src', 'visibility', 'announceVisibility.js')) as {
      announceVisibilityChanges: (strapi: unknown) => Promise<number>;
    };
    return announceVisibilityChanges(server.strapi);
  };

  beforeAll(async () => {
    server = await bootStrapi();
    server.setNow('2031-05-31T08:00:00.000Z');
    receiver = await startWebhookReceiver();
    const webhook = await server.strapi.get('webhookStore').createWebhook({
      name: 'site rebuild',
      url: receiver.url,
      headers: {},
      events: ['entry.visible'],
      isEnabled: true,
    });
    server.strapi.get('webhookRunner').add(webhook);
    await announce(); // starts the announcer's window at the test's "now"

    editor = editorClient(server, await createFullAccessToken(server));
    const partner = await editor.create('partners', { name: 'Partenaire annoncé', kind: 'company', visibleFrom: GO_LIVE }, { locale: 'fr', status: 'published' });
    partnerId = partner.body.data.documentId;
    const release = await editor.create('articles', { title: 'Communiqué programmé', kind: 'press-release', embargoUntil: EMBARGO, partners: [partnerId] }, { locale: 'fr', status: 'published' });
    releaseId = release.body.data.documentId;
    await editor.create('articles', { title: 'Article public', kind: 'news', partners: [partnerId] }, { locale: 'fr', status: 'published' });
  });
  afterAll(async () => {
    server.setNow();
    await receiver?.close();
    await server?.destroy();
  });

  it('hides a published partner until its date, everywhere, and fires nothing yet', async () => {
    expect((await publicGet(server, 'partners', { locale: 'fr' })).body.data).toEqual([]);
    expect((await publicGet(server, `partners/${partnerId}`, { locale: 'fr' })).status).toBe(404);
    expect((await publicGet(server, 'partners/slug/partenaire-annonce', { locale: 'fr' })).status).toBe(404);
    const article = (await publicGet(server, 'articles', { locale: 'fr', populate: 'partners' })).body.data[0];
    expect(article.title).toBe('Article public');
    expect(article.partners).toEqual([]);
    expect(await announce()).toBe(0);
    expect(receiver.received).toEqual([]);
  });

  it('shows it at its instant and announces it through the webhook', async () => {
    server.setNow(GO_LIVE);
    expect((await publicGet(server, `partners/${partnerId}`, { locale: 'fr' })).body.data.name).toBe('Partenaire annoncé');
    const article = (await publicGet(server, 'articles', { locale: 'fr', populate: 'partners' })).body.data[0];
    expect(article.partners.map((p: { name: string }) => p.name)).toEqual(['Partenaire annoncé']);

    expect(await announce()).toBe(1);
    await receiver.waitFor(1);
    expect(receiver.received[0]).toMatchObject({ event: 'entry.visible', model: 'partner', uid: 'api::partner.partner', entry: { documentId: partnerId, locale: 'fr' } });
  });

  it('announces the embargo lift of a release once, at its instant', async () => {
    server.setNow('2031-06-02T07:59:59.000Z');
    expect(await announce()).toBe(0);
    server.setNow(EMBARGO);
    expect(await announce()).toBe(1);
    await receiver.waitFor(2);
    expect(receiver.received[1]).toMatchObject({ event: 'entry.visible', model: 'article', entry: { documentId: releaseId } });
    expect(await announce()).toBe(0);
  });
});
