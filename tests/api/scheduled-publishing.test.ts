import path from 'node:path';
import { DIST_DIR } from '../helpers/strapi';
import { publicGet, useServerWithEditor } from '../helpers/api';
import { startWebhookReceiver } from '../helpers/webhookReceiver';

const GO_LIVE = '2031-06-01T08:00:00.000Z';
const EMBARGO = '2031-06-02T08:00:00.000Z';

type Purge = { surrogateKeys: string[]; paths: string[]; pages: string[] };

describe('scheduled publishing and the entry.visible webhook', () => {
  const app = useServerWithEditor();
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let partnerId: string;
  let releaseId: string;
  let publicArticleId: string;

  const announce = async () => {
    const { announceVisibilityChanges } = require(
      path.join(DIST_DIR, 'src', 'plugins', 'visibility', 'server', 'announceVisibility.js')
    ) as {
      announceVisibilityChanges: (strapi: unknown) => Promise<number>;
    };
    return announceVisibilityChanges(app.server.strapi);
  };

  beforeAll(async () => {
    app.server.setNow('2031-05-31T08:00:00.000Z');
    receiver = await startWebhookReceiver();
    const webhook = await app.server.strapi.get('webhookStore').createWebhook({
      name: 'site rebuild',
      url: receiver.url,
      headers: {},
      events: ['entry.visible'],
      isEnabled: true,
    });
    app.server.strapi.get('webhookRunner').add(webhook);
    await announce(); // starts the announcer's window at the test's "now"

    const partner = await app.editor.create(
      'partners',
      { name: 'Partenaire annoncé', kind: 'company', visibleFrom: GO_LIVE },
      { locale: 'fr', status: 'published' }
    );
    partnerId = partner.body.data.documentId;
    const release = await app.editor.create(
      'articles',
      { title: 'Communiqué programmé', kind: 'press-release', embargoUntil: EMBARGO, partners: [partnerId] },
      { locale: 'fr', status: 'published' }
    );
    releaseId = release.body.data.documentId;
    const publicArticle = await app.editor.create(
      'articles',
      { title: 'Article public', kind: 'news', partners: [partnerId] },
      { locale: 'fr', status: 'published' }
    );
    publicArticleId = publicArticle.body.data.documentId;
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('hides a published partner until its date, everywhere, and fires nothing yet', async () => {
    expect((await publicGet(app.server, 'partners', { locale: 'fr' })).body.data).toEqual([]);
    expect((await publicGet(app.server, `partners/${partnerId}`, { locale: 'fr' })).status).toBe(404);
    expect((await publicGet(app.server, 'partners/slug/partenaire-annonce', { locale: 'fr' })).status).toBe(404);
    const article = (await publicGet(app.server, 'articles', { locale: 'fr', populate: 'partners' })).body.data[0];
    expect(article.title).toBe('Article public');
    expect(article.partners).toEqual([]);
    expect(await announce()).toBe(0);
    expect(receiver.received).toEqual([]);
  });

  it('shows it at its instant and announces it through the webhook', async () => {
    app.server.setNow(GO_LIVE);
    expect((await publicGet(app.server, `partners/${partnerId}`, { locale: 'fr' })).body.data.name).toBe('Partenaire annoncé');
    const article = (await publicGet(app.server, 'articles', { locale: 'fr', populate: 'partners' })).body.data[0];
    expect(article.partners.map((p: { name: string }) => p.name)).toEqual(['Partenaire annoncé']);

    expect(await announce()).toBe(1);
    await receiver.waitFor(1);
    expect(receiver.received[0]).toMatchObject({
      event: 'entry.visible',
      model: 'partner',
      uid: 'api::partner.partner',
      entry: { documentId: partnerId, locale: 'fr' },
    });
    // What a proxy must drop: the partner's own answers and page, and those of the article that now shows it.
    const purge = receiver.received[0].purge as Purge;
    expect(purge.surrogateKeys).toEqual(
      expect.arrayContaining(['type:api::partner.partner', 'aggregate', `doc:${partnerId}`, `doc:${publicArticleId}`])
    );
    expect(purge.paths).toEqual(
      expect.arrayContaining([
        '/api/partners',
        `/api/partners/${partnerId}`,
        '/api/partners/slug/partenaire-annonce',
        `/api/articles/${publicArticleId}`,
        '/api/feeds',
        '/sitemap.xml',
      ])
    );
    expect(purge.pages).toEqual(expect.arrayContaining(['http://localhost:3000/fr/partenaires/partenaire-annonce']));
  });

  it('announces the embargo lift of a release once, at its instant', async () => {
    app.server.setNow('2031-06-02T07:59:59.000Z');
    expect(await announce()).toBe(0);
    app.server.setNow(EMBARGO);
    expect(await announce()).toBe(1);
    await receiver.waitFor(2);
    expect(receiver.received[1]).toMatchObject({ event: 'entry.visible', model: 'article', entry: { documentId: releaseId } });
    const purge = receiver.received[1].purge as Purge;
    expect(purge.surrogateKeys).toEqual(expect.arrayContaining([`doc:${releaseId}`, `doc:${partnerId}`]));
    expect(purge.paths).toEqual(expect.arrayContaining(['/api/articles', `/api/articles/${releaseId}`, `/api/partners/${partnerId}`]));
    expect(await announce()).toBe(0);
  });
});
