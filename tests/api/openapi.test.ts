import fs from 'node:fs';
import path from 'node:path';
import { bootStrapi, type TestServer } from '../helpers/strapi';
import { createFullAccessToken, editorClient } from '../helpers/api';
import { generateOpenApiDocument, type OpenApiDocument } from '../helpers/openApiConformance';
import { contentApiRoutes, openApiPathOf } from '../helpers/contentApiRoutes';
import { publicTypes, restPathOf } from '../helpers/schemaPaths';

type Parameter = { name: string; in: string; schema?: Record<string, unknown> };
type Operation = {
  parameters?: Parameter[];
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
  security?: unknown[];
};
type Document = OpenApiDocument & {
  paths: Record<string, Record<string, Operation> & { servers?: unknown }>;
  info: { title: string };
  openapi: string;
};

describe('OpenAPI document (documentation plugin)', () => {
  let server: TestServer;
  let document: Document;

  beforeAll(async () => {
    server = await bootStrapi();
    document = (await generateOpenApiDocument(server.strapi)) as Document;
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('documents every Content API route, where it is defined (route inventory)', () => {
    const routes = contentApiRoutes(server.strapi);
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes
      .filter((route) => !document.paths[openApiPathOf(route.path)]?.[route.method.toLowerCase()])
      .map((route) => `${route.method} ${route.path} (${route.handler})`);
    expect(missing).toEqual([]);
    expect(document.paths['/articles/slug/{slug}/press-kit.zip']?.get?.responses?.['200']?.content).toHaveProperty('application/zip');
  });

  it('describes parameters as the API checks them', () => {
    const slug = document.paths['/articles/slug/{slug}'].get;
    expect(slug.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual([
      'path:slug',
      'query:locale',
      'query:fallback',
      'query:populate',
      'query:fields',
      'query:translation',
    ]);
    for (const operation of [slug, document.paths['/articles'].get, document.paths['/newsletter/digest'].get]) {
      expect(operation.parameters?.find((p) => p.name === 'locale')?.schema?.enum).toEqual(['fr', 'en']);
    }
    const feed = document.paths['/feeds/{locale}/{feed}'].get;
    expect(feed.parameters?.find((p) => p.name === 'feed')?.schema?.pattern).toBe(
      '^(news|press-releases|press-coverage|all)\\.(rss|atom|json)$'
    );
    const since = document.paths['/newsletter/digest'].get.parameters?.find((p) => p.name === 'since');
    expect(since?.schema?.oneOf).toEqual([
      { type: 'string', format: 'date' },
      { type: 'string', format: 'date-time' },
    ]);
  });

  it('describes answers as the API gives them: JSON Feed as JSON, nullable fields, no server of its own', () => {
    const feed = document.paths['/feeds/{locale}/{feed}'].get.responses?.['200']?.content ?? {};
    expect(Object.keys(feed)).toEqual(['application/rss+xml', 'application/atom+xml', 'application/feed+json']);
    expect(feed['application/feed+json'].schema).toEqual({ $ref: '#/components/schemas/PasserelleJsonFeed' });
    expect(document.paths['/sitemap.xml'].servers).toBeUndefined();
    const schemas = document.components.schemas as Record<
      string,
      { properties: Record<string, Record<string, unknown>>; required?: string[] }
    >;
    expect(schemas.Article.properties.standfirst.nullable).toBe(true);
    expect(schemas.Article.properties.cover).toEqual({
      allOf: [{ $ref: '#/components/schemas/MediaCreditedImageComponent' }],
      nullable: true,
    });
    expect(schemas.Article.required).toBeUndefined();
    expect(schemas.ArticleRequest.required).toBeDefined();
    expect(document.info.title).toBe('Passerelle Content API');
  });

  it('describes a saved draft as Strapi keeps it: an email field may hold any text until publication', async () => {
    // Every email attribute of every content type, from the schemas: Strapi checks its format only
    // when publishing, and the answer to a draft's save (checked against the document by the test
    // server, as every answer is) holds what was saved.
    const types = publicTypes(server.strapi).filter((type) => type.kind === 'collectionType');
    const editor = editorClient(server, await createFullAccessToken(server));
    // A private field (a person's email) is in the answer only while its document says so.
    const privateFields = server.strapi.config.get<Record<string, { publicWhen: string }>>('plugin::visibility.privateFields', {});
    // Each draft is given the field its slug is made from, so that it is not saved nameless.
    const slugSources = server.strapi.config.get<Record<string, { from: string }>>('plugin::editorial-rules.slugs.types', {});
    const saved: string[] = [];
    for (const type of types) {
      for (const [field, attribute] of Object.entries(type.attributes)) {
        if (attribute.type !== 'email') continue;
        const named = slugSources[type.uid]?.from;
        const shownWhen = privateFields[type.uid]?.publicWhen;
        const data = {
          [field]: 'pas encore une adresse',
          ...(named ? { [named]: `Brouillon ${type.uid}` } : {}),
          ...(shownWhen ? { [shownWhen]: true } : {}),
        };
        const response = await editor.create(restPathOf(type), data, { status: 'draft' });
        expect({ field, status: response.status }).toEqual({ field, status: 201 });
        expect((response.body as { data: Record<string, unknown> }).data[field]).toBe('pas encore une adresse');
        saved.push(`${type.uid}.${field}`);
      }
    }
    expect(saved).toContain('api::person.person.email');
  });

  it('marks public reads as public, and the journalists’ route as needing a token', () => {
    for (const path of ['/articles/slug/{slug}', '/articles', '/articles/{id}', '/manifesto']) {
      expect(document.paths[path].get.security).toEqual([{}, { bearerAuth: [] }]);
    }
    for (const path of ['/feeds/{locale}/{feed}', '/sitemap.xml', '/newsletter/digest', '/articles/slug/{slug}/press-kit.zip']) {
      expect(document.paths[path].get.security).toEqual([]);
    }
    expect(document.paths['/articles/embargoed'].get.security).toEqual([{ bearerAuth: [] }]);
  });

  it('serves the whole document while another instance is writing it (a boot rewrites the file)', async () => {
    const strapi = server.strapi;
    const extensions = strapi.config.get('environment') === 'production' ? strapi.dirs.dist.extensions : strapi.dirs.app.extensions;
    const version = strapi
      .plugin('documentation')
      .service<{ getDocumentationVersion(): string }>('documentation')
      .getDocumentationVersion();
    const file = path.join(extensions, 'documentation', 'documentation', version, 'full_documentation.json');
    const whole = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, whole.slice(0, 100));
    const writerDone = new Promise((resolve) => setTimeout(resolve, 150)).then(() => fs.writeFileSync(file, whole));
    try {
      const response = await server.http().get('/documentation/openapi.json');
      expect(response.status).toBe(200);
      // Whole, though not always these bytes: another test app booting beside this one rewrites the file
      // too (its generation date differs).
      const served = JSON.parse(response.text) as { paths: Record<string, unknown> };
      expect(Object.keys(served.paths)).toEqual(Object.keys((JSON.parse(whole) as { paths: Record<string, unknown> }).paths));
    } finally {
      await writerDone;
    }
  });

  it('serves the document at a stable JSON address, under the Swagger page’s access rule', async () => {
    const response = await server.http().get('/documentation/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/vnd\.oai\.openapi\+json/);
    const served = JSON.parse(response.text) as Document;
    expect(served.openapi).toBe('3.0.0');
    expect(Object.keys(served.paths)).toEqual(expect.arrayContaining(['/articles/slug/{slug}/press-kit.zip']));
    expect((await server.http().get('/documentation/v1.0.0/openapi.json')).status).toBe(200);
    expect((await server.http().get('/documentation/v9.9.9/openapi.json')).status).toBe(404);

    // The Swagger page's rule (the plugin's restricted access) applies to the JSON as well.
    const store = server.strapi.store({ type: 'plugin', name: 'documentation' });
    const settings = (await store.get({ key: 'config' })) as Record<string, unknown>;
    await store.set({ key: 'config', value: { ...settings, restrictedAccess: true, password: 'x' } });
    try {
      const page = await server.http().get('/documentation/v1.0.0');
      const json = await server.http().get('/documentation/openapi.json');
      expect(json.status).toBe(page.status);
      expect(json.status).toBe(302);
    } finally {
      await store.set({ key: 'config', value: settings });
    }
  });
});
