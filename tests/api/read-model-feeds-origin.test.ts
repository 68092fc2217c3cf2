import { publicGet, useServerWithEditor } from '../helpers/api';
import { waitUntilBuilt } from '../helpers/readModelProperty';
import { countStoredReads } from '../helpers/readModel';

/**
 * Feeds and the digest are read from the read model without `PUBLIC_URL` (detail and list answers
 * are not: their JSON-LD holds addresses built from an origin). On the demo content, every channel in
 * every format and locale, and the digest, answer the same bytes from the model as from the Document
 * Service, and the model did answer them.
 */
describe('feeds and digest from the read model, without PUBLIC_URL', () => {
  const app = useServerWithEditor({
    env: {
      PASSERELLE_DEMO: 'true',
      PUBLIC_URL: undefined,
      CACHE_RESPONSES_MAX_MB: '0',
      READ_MODEL_ENABLED: 'true',
      READ_MODEL_SERVE: 'true',
    },
  });

  const read = async (route: string, query: Record<string, unknown>, serve: boolean) => {
    const strapi = app.server.strapi;
    strapi.config.set('plugin::read-model.serve', serve);
    try {
      // One origin for both reads (each request is served on its own port): feeds name it in their links.
      const response = await publicGet(app.server, route, query).set('Host', 'cms.passerelle.test');
      return { route, query, status: response.status, body: response.text };
    } finally {
      strapi.config.set('plugin::read-model.serve', true);
    }
  };

  it('answers every feed and the digest as the Document Service path does', async () => {
    const counter = countStoredReads({ serveNewest: ['storedNewest', 'storedPublishedSince'] });
    await waitUntilBuilt(app.server.strapi);
    const channels = Object.keys(
      app.server.strapi.config.get<{ feeds: { channels: Record<string, unknown> } }>('plugin::distribution').feeds.channels
    );
    const reads: Array<[string, Record<string, unknown>]> = [];
    for (const locale of ['fr', 'en']) {
      for (const channel of channels)
        for (const format of ['rss', 'atom', 'json']) reads.push([`feeds/${locale}/${channel}.${format}`, {}]);
      for (const format of ['json', 'html']) reads.push(['newsletter/digest', { locale, since: '2020-01-01', format }]);
    }
    for (const [route, query] of reads) {
      const slow = await read(route, query, false);
      expect(slow.status).toBe(200);
      expect(await read(route, query, true)).toEqual(slow);
    }
    expect(counter.storedNewest).toBeGreaterThanOrEqual(channels.length * 3 * 2);
    expect(counter.storedPublishedSince).toBeGreaterThan(0);
  }, 120_000);
});
