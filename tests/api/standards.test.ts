import fs from 'node:fs';
import path from 'node:path';
import Parser from 'rss-parser';
import { useServerWithEditor } from '../helpers/api';
import { makeJpeg } from '../helpers/images';
import { expandJsonLd, missingRichResultProperties, sitemapSchemaErrors } from '../helpers/standardValidators';

type Json = Record<string, unknown>;

/**
 * The demo's outputs read by validators that share no code with the builders: rss-parser for RSS
 * and Atom, libxml2 with the sitemaps.org schema, and the `jsonld` processor for structured data.
 */
describe('Outputs against their standards, read by independent validators', () => {
  const app = useServerWithEditor({ env: { PASSERELLE_DEMO: 'true', ORGANIZATION_LOGO_URL: 'https://www.diversidays.com/logo.png' } });
  const parser = new Parser({
    customFields: {
      item: [
        ['enclosure', 'enclosure'],
        ['category', 'categories', { keepArray: true }],
      ],
    },
  });
  const get = (url: string) => app.server.http().get(url);

  /** The stored size of a file of the local provider, in bytes. */
  const bytesOnDisk = (url: string) => fs.statSync(path.join(app.server.strapi.dirs.static.public, new URL(url).pathname)).size;

  it('RSS and Atom parse, with categories (term) and enclosures whose length is the file’s exact byte count', async () => {
    const files = (await app.editor.get('upload/files')).body as Array<{ id: number }>;
    const tagged = await app.editor.create(
      'articles',
      {
        title: 'Une actualité étiquetée',
        kind: 'news',
        tags: [{ label: 'Numérique' }, { label: 'Occitanie' }],
        cover: { image: files[0].id, alternativeText: 'Une passerelle blanche' },
      },
      { locale: 'fr', status: 'published' }
    );
    expect(tagged.status).toBe(201);
    for (const locale of ['fr']) {
      for (const format of ['rss', 'atom']) {
        const response = await get(`/api/feeds/${locale}/all.${format}`);
        expect(response.status).toBe(200);
        const feed = await parser.parseString(response.text);
        expect(feed.items.length).toBeGreaterThan(2);
        const tagged = feed.items.filter((item) => (item.categories ?? []).length > 0);
        expect(tagged.length).toBeGreaterThan(0);
        if (format === 'atom') {
          // rss-parser keeps Atom categories only when they carry `term` (RFC 4287 §4.2.2).
          for (const item of tagged)
            for (const category of item.categories ?? [])
              expect(category).toEqual(expect.objectContaining({ $: expect.objectContaining({ term: expect.any(String) }) }));
        }
      }
    }
    const rss = await parser.parseString((await get('/api/feeds/fr/all.rss')).text);
    const enclosures = rss.items
      .map((item) => item.enclosure)
      .filter((enclosure): enclosure is NonNullable<typeof enclosure> => Boolean(enclosure));
    expect(enclosures.length).toBeGreaterThan(0);
    for (const enclosure of enclosures) expect(Number(enclosure.length)).toBe(bytesOnDisk(enclosure.url));
    const json = JSON.parse((await get('/api/feeds/fr/all.json')).text) as {
      items: Array<{ attachments?: Array<{ url: string; size_in_bytes?: number }> }>;
    };
    const attachments = json.items.flatMap((item) => item.attachments ?? []);
    expect(attachments.length).toBeGreaterThan(0);
    for (const attachment of attachments) expect(attachment.size_in_bytes).toBe(bytesOnDisk(attachment.url));
  });

  it('states a cover’s new size once its file is replaced under the same address', async () => {
    const enclosureOf = async () =>
      (await parser.parseString((await get('/api/feeds/fr/all.rss')).text)).items.map((item) => item.enclosure).find(Boolean);
    const before = await enclosureOf();
    expect(before).toBeDefined();
    const files = (await app.editor.get('upload/files')).body as Array<{ id: number; url: string }>;
    const file = files.find((candidate) => before?.url.endsWith(candidate.url));
    expect(file).toBeDefined();
    const replaced = await app.server
      .http()
      .post(`/api/upload?id=${file?.id}`)
      .set('Authorization', `Bearer ${app.token}`)
      .field('fileInfo', JSON.stringify({ name: 'remplacee.jpg', alternativeText: 'Une salle' }))
      .attach('files', await makeJpeg(320, 200), { filename: 'remplacee.jpg', contentType: 'image/jpeg' });
    expect(replaced.status).toBe(200);
    const after = await enclosureOf();
    // Strapi keeps the address of a replaced file: the size measured before must not be reused.
    expect(new URL(after?.url as string).pathname).toBe(new URL(before?.url as string).pathname);
    expect(Number(after?.length)).toBe(bytesOnDisk(after?.url as string));
    expect(Number(after?.length)).not.toBe(Number(before?.length));
  });

  it('dates press coverage by its publication date in the feeds and the digest (the 2020 ToulÉco article stays in 2020)', async () => {
    const feed = await parser.parseString((await get('/api/feeds/fr/press-coverage.rss')).text);
    const touleco = feed.items.find((item) => /ToulÉco|Mêlée/.test(`${item.title} ${item.contentSnippet}`));
    expect(touleco).toBeDefined();
    expect(new Date(touleco?.isoDate as string).toISOString()).toBe('2020-09-27T22:00:00.000Z');

    const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    const digest = (await get(`/api/newsletter/digest?locale=fr&since=${since}`)).body as {
      data: { pressCoverage: Array<{ date: string }> };
    };
    expect(digest.data.pressCoverage.map((item) => item.date)).toEqual(['2020-09-27T22:00:00.000Z']);
    const html = (await get(`/api/newsletter/digest?locale=fr&since=${since}&format=html`)).text;
    const text = (await get(`/api/newsletter/digest?locale=fr&since=${since}&format=text`)).text;
    for (const body of [html, text]) expect(body).toContain('ToulÉco · 28 septembre 2020');
  });

  it('the sitemap is valid against the sitemaps.org schema, and every URL, home pages included, has a lastmod', async () => {
    const xml = (await get('/sitemap.xml')).text;
    expect(await sitemapSchemaErrors(xml)).toEqual([]);
    const urls = [...xml.matchAll(/<url>(.*?)<\/url>/gs)].map((match) => match[1]);
    expect(urls.length).toBeGreaterThan(4);
    expect(urls.filter((url) => !url.includes('<lastmod>'))).toEqual([]);
    // The validator does reject what the protocol forbids.
    expect((await sitemapSchemaErrors(xml.replace('<lastmod>', '<lastmod>yesterday'))).length).toBeGreaterThan(0);
  });

  it('JSON-LD expands, and has what Google’s rich results require and recommend (NewsArticle, Event, Organization)', async () => {
    const slugs = async (type: string) =>
      ((await get(`/api/${type}?locale=fr`)).body as { data: Array<{ slug: string }> }).data.map((entry) => entry.slug);
    const jsonLds: Json[] = [];
    for (const type of ['articles', 'editions', 'partners']) {
      for (const slug of await slugs(type)) jsonLds.push((await get(`/api/${type}/slug/${slug}?locale=fr`)).body.meta.jsonLd as Json);
    }
    jsonLds.push((await get('/api/manifesto?locale=fr')).body.meta.jsonLd as Json);
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const document of jsonLds) {
      const [node] = await expandJsonLd(document);
      for (const type of (node['@type'] as string[]) ?? []) seen.add(type.replace('https://schema.org/', ''));
      problems.push(...missingRichResultProperties(node).map((problem) => `${String(document.url ?? document.name)}: ${problem}`));
    }
    expect(seen).toEqual(expect.objectContaining({}));
    expect([...seen]).toEqual(expect.arrayContaining(['NewsArticle', 'Event', 'NGO']));
    expect(problems).toEqual([]);
  });

  it('a field selection on a slug route narrows data, not the JSON-LD nor meta.url', async () => {
    const [slug] = ((await get('/api/articles?locale=fr')).body as { data: Array<{ slug: string }> }).data.map((entry) => entry.slug);
    const whole = (await get(`/api/articles/slug/${slug}?locale=fr`)).body as { meta: { url: string; jsonLd: Json } };
    const narrowed = (await get(`/api/articles/slug/${slug}?locale=fr&fields[0]=title`)).body as {
      data: Json;
      meta: { url: string; jsonLd: Json };
    };
    expect(narrowed.data).toHaveProperty('title');
    expect(narrowed.data).not.toHaveProperty('standfirst');
    expect(narrowed.meta.url).toBe(whole.meta.url);
    expect(narrowed.meta.url).toEqual(expect.stringContaining(slug));
    // Media URLs take each request's origin (no PUBLIC_URL in tests); everything else is the same.
    const withoutOrigin = (value: unknown) => JSON.stringify(value).replace(/http:\/\/127\.0\.0\.1:\d+/g, '');
    expect(withoutOrigin(narrowed.meta.jsonLd)).toBe(withoutOrigin(whole.meta.jsonLd));
    expect(narrowed.meta.jsonLd).toHaveProperty('datePublished');
  });
});
