import { publicGet, useServerWithEditor } from '../helpers/api';

const parseCacheControl = (header: string) =>
  Object.fromEntries(
    header
      .split(',')
      .map((part) => part.trim().split('='))
      .map(([key, value]) => [key, value ?? true])
  );

describe('HTTP caching of public reads', () => {
  const app = useServerWithEditor();
  let documentId: string;

  beforeAll(async () => {
    app.server.setNow('2031-01-01T12:00:00.000Z');
    const created = await app.editor.create(
      'partners',
      { name: 'Partenaire en cache', kind: 'company', description: 'Version 1' },
      { locale: 'fr', status: 'published' }
    );
    documentId = created.body.data.documentId;
  });

  it.each(['partners', 'partners/slug/partenaire-en-cache', 'DETAIL'])('gives %s an ETag and a CDN Cache-Control', async (route) => {
    const response = await publicGet(app.server, route === 'DETAIL' ? `partners/${documentId}` : route, { locale: 'fr' });
    expect(response.status).toBe(200);
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(parseCacheControl(response.headers['cache-control'])).toEqual({
      public: true,
      'max-age': '0',
      's-maxage': '60',
      'stale-while-revalidate': '300',
      'stale-if-error': '3600',
    });
    expect(response.headers.vary).toMatch(/Authorization/);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.stringify(response.body)).toContain('Partenaire en cache');
  });

  it('answers If-None-Match with 304 and no body', async () => {
    const first = await publicGet(app.server, `partners/${documentId}`, { locale: 'fr' });
    const second = await publicGet(app.server, `partners/${documentId}`, { locale: 'fr' }).set('If-None-Match', first.headers.etag);
    expect(second.status).toBe(304);
    expect(second.text).toBe('');
    expect(second.headers.etag).toBe(first.headers.etag);
  });

  it('gives a different ETag per locale and query', async () => {
    const fr = await publicGet(app.server, 'partners', { locale: 'fr' });
    const en = await publicGet(app.server, 'partners', { locale: 'en' });
    const fields = await publicGet(app.server, 'partners', { locale: 'fr', fields: ['name'] });
    expect(new Set([fr.headers.etag, en.headers.etag, fields.headers.etag]).size).toBe(3);
  });

  it('serves the change at once after an update and an unpublish, never the stale answer', async () => {
    const before = await publicGet(app.server, `partners/${documentId}`, { locale: 'fr' });
    await app.editor.update('partners', documentId, { description: 'Version 2' }, { locale: 'fr', status: 'published' });
    const after = await publicGet(app.server, `partners/${documentId}`, { locale: 'fr' }).set('If-None-Match', before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.body.data.description).toBe('Version 2');
    expect(after.headers.etag).not.toBe(before.headers.etag);

    const list = await publicGet(app.server, 'partners', { locale: 'fr' });
    await app.server.strapi.documents('api::partner.partner').unpublish({ documentId, locale: 'fr' } as never);
    const emptied = await publicGet(app.server, 'partners', { locale: 'fr' }).set('If-None-Match', list.headers.etag);
    expect(emptied.status).toBe(200);
    expect(emptied.body.data).toEqual([]);
    await app.server.strapi.documents('api::partner.partner').publish({ documentId, locale: 'fr' } as never);
  });

  it('never lets a CDN keep an answer past the next embargo instant', async () => {
    await app.editor.create(
      'articles',
      { title: 'Bientôt', kind: 'press-release', embargoUntil: '2031-01-01T12:00:42.000Z' },
      { locale: 'fr', status: 'published' }
    );
    const response = await publicGet(app.server, 'partners', { locale: 'fr' });
    expect(parseCacheControl(response.headers['cache-control'])['s-maxage']).toBe('42');
  });

  it('keeps answers to token holders out of shared caches', async () => {
    const response = await app.editor.get('partners', { locale: 'fr' });
    expect(response.headers['cache-control']).toBe('private, no-cache');
    expect(response.headers.etag).toBeDefined();
  });

  it('does not cache errors', async () => {
    const response = await publicGet(app.server, 'partners', { locale: 'xx' });
    expect(response.status).toBe(400);
    expect(response.headers.etag).toBeUndefined();
  });
});
