import fs from 'node:fs';
import path from 'node:path';
import { bootStrapi, type TestServer } from '../helpers/strapi';

type OpenApi = { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; schema?: Record<string, unknown> }>; responses?: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };

describe('OpenAPI document (documentation plugin)', () => {
  let server: TestServer;
  let document: OpenApi;

  beforeAll(async () => {
    server = await bootStrapi();
    // A version of our own, so that test files booting in parallel cannot overwrite what we read.
    const version = `test-${process.pid}-${Date.now()}`;
    const service = server.strapi.plugin('documentation').service('documentation') as {
      generateFullDoc(version: string): Promise<void>;
      getFullDocumentationPath(): string;
    };
    await service.generateFullDoc(version);
    const directory = path.join(service.getFullDocumentationPath(), version);
    document = JSON.parse(fs.readFileSync(path.join(directory, 'full_documentation.json'), 'utf8')) as OpenApi;
    fs.rmSync(directory, { recursive: true, force: true });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('lists the custom routes beside the generated ones', () => {
    for (const route of [
      '/articles',
      '/articles/{id}',
      '/articles/slug/{slug}',
      '/press-coverages/slug/{slug}',
      '/editions/slug/{slug}',
      '/programmes/slug/{slug}',
      '/partners/slug/{slug}',
      '/articles/embargoed',
      '/feeds/{locale}/{feed}',
      '/newsletter/digest',
      '/sitemap.xml',
    ]) {
      expect(document.paths[route]?.get).toBeDefined();
    }
  });

  it('describes their parameters and answers', () => {
    const slug = document.paths['/articles/slug/{slug}'].get;
    expect(slug.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(['path:slug', 'query:locale', 'query:fallback', 'query:populate']);
    const feed = document.paths['/feeds/{locale}/{feed}'].get;
    expect(feed.parameters?.find((p) => p.name === 'feed')?.schema?.pattern).toBe('^(news|press-releases|press-coverage|all)\\.(rss|atom|json)$');
    expect(Object.keys((feed.responses?.['200'] as { content: Record<string, unknown> }).content)).toEqual([
      'application/rss+xml',
      'application/atom+xml',
      'application/feed+json',
    ]);
    const digest = document.paths['/newsletter/digest'].get;
    expect(digest.parameters?.map((p) => p.name)).toEqual(['locale', 'since', 'format']);
    expect(document.components.schemas).toHaveProperty('PasserelleDigestResponse');
    expect(document.components.schemas).toHaveProperty('ArticleResponse');
  });
});
