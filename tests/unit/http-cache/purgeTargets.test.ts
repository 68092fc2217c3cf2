import { aggregatePathsOf, staticPrefix } from '../../../src/plugins/response-cache/server/http-cache/aggregatePaths';
import { changesPublicState, mayShowPublished, purgeTargetsFor } from '../../../src/plugins/response-cache/server/http-cache/purgeTargets';
import {
  populateOf,
  relationPathsOf,
  valuesAt,
  whereAt,
  type PublicDocument,
} from '../../../src/plugins/response-cache/server/http-cache/publicState';

describe('the aggregate paths a write purges', () => {
  it.each([
    ['/feeds/:locale/:feed', '/feeds'],
    ['/sitemap.xml', '/sitemap.xml'],
    ['/newsletter/digest', '/newsletter/digest'],
    ['/:id', '/'],
  ])('cuts %s to %s', (path, prefix) => expect(staticPrefix(path)).toBe(prefix));

  it('takes the GET content API routes of the plugin, under its prefix, and the root addresses it serves them at', () => {
    const routers = [
      {
        type: 'content-api',
        prefix: '',
        routes: [
          { method: 'GET', path: '/feeds/:locale/:feed' },
          { method: 'GET', path: '/sitemap.xml' },
          { method: 'POST', path: '/newsletter/send' },
        ],
      },
      { type: 'admin', prefix: '/distribution', routes: [{ method: 'GET', path: '/settings' }] },
      { prefix: '/other', routes: [{ method: 'GET', path: '/digest' }] },
    ];
    expect(aggregatePathsOf(routers, '/api', /^\/(sitemap\.xml|robots\.txt)$/)).toEqual([
      '/api/feeds',
      '/api/sitemap.xml',
      '/api/other/digest',
      '/sitemap.xml',
    ]);
  });
});

describe('the purge targets of a write', () => {
  const pages: Record<string, string> = { 'api::article.article': '/fr/actualites/', 'api::partner.partner': '/fr/partenaires/' };
  const targets = (versions: PublicDocument[], related: PublicDocument[]) =>
    purgeTargetsFor({
      uid: 'api::article.article',
      documentId: 'a1',
      apiPrefix: '/api',
      pluralNameOf: (uid) => (uid === 'api::article.article' ? 'articles' : 'partners'),
      pageOf: (document) => (document.slug ? `https://site${pages[document.uid]}${document.slug}` : undefined),
      versions,
      related,
      aggregatePaths: ['/api/feeds'],
    });
  const article = (slug: string): PublicDocument => ({ uid: 'api::article.article', documentId: 'a1', locale: 'fr', slug });
  const partner: PublicDocument = { uid: 'api::partner.partner', documentId: 'p1', locale: 'fr', slug: 'la-ruche' };

  it('names the old and the new slug of a renamed document, once each', () => {
    const purge = targets([article('nouveau'), article('ancien'), article('nouveau')], []);
    expect(purge.paths).toEqual([
      '/api/articles',
      '/api/articles/a1',
      '/api/articles/slug/nouveau',
      '/api/articles/slug/ancien',
      '/api/feeds',
    ]);
    expect(purge.pages).toEqual(['https://site/fr/actualites/nouveau', 'https://site/fr/actualites/ancien']);
  });

  it('names a document related before or after the write: its address, its page and its key', () => {
    const purge = targets([article('avec')], [partner]);
    expect(purge.paths).toEqual(expect.arrayContaining(['/api/partners/p1', '/api/partners/slug/la-ruche']));
    expect(purge.pages).toContain('https://site/fr/partenaires/la-ruche');
    expect(purge.surrogateKeys).toEqual(expect.arrayContaining(['doc:a1', 'doc:p1', 'type:api::article.article', 'aggregate']));
  });
});

describe('the relations a purge follows through components', () => {
  const components: Record<string, Record<string, { type: string; target?: string; component?: string }>> = {
    'programme.workshop': { title: { type: 'string' }, host: { type: 'relation', target: 'api::partner.partner' } },
    'programme.partner-role': { partner: { type: 'relation', target: 'api::partner.partner' }, role: { type: 'enumeration' } },
    'media.image': { file: { type: 'media' }, author: { type: 'relation', target: 'plugin::users-permissions.user' } },
    'nested.day': { workshop: { type: 'component', component: 'programme.workshop' } },
    'loop.self': { next: { type: 'component', component: 'loop.self' }, partner: { type: 'relation', target: 'api::partner.partner' } },
  };
  const componentAttributes = (uid: string) => components[uid] ?? {};
  const edition = {
    title: { type: 'string' },
    programme: { type: 'relation', target: 'api::programme.programme' },
    workshops: { type: 'component', component: 'programme.workshop' },
    partners: { type: 'component', component: 'programme.partner-role' },
    cover: { type: 'component', component: 'media.image' },
    days: { type: 'component', component: 'nested.day' },
  };

  it('reaches the project’s types directly and through components, nested, and nothing else', () => {
    expect(relationPathsOf(edition, componentAttributes)).toEqual([
      { path: ['programme'], target: 'api::programme.programme' },
      { path: ['workshops', 'host'], target: 'api::partner.partner' },
      { path: ['partners', 'partner'], target: 'api::partner.partner' },
      { path: ['days', 'workshop', 'host'], target: 'api::partner.partner' },
    ]);
  });

  it('stops a component that holds itself at a small depth', () => {
    const paths = relationPathsOf({ chain: { type: 'component', component: 'loop.self' } }, componentAttributes);
    expect(paths.map(({ path }) => path.join('.')).sort()).toEqual(['chain.next.next.partner', 'chain.next.partner', 'chain.partner']);
  });

  it('populates every path once, merged by prefix, and reads the rows back through lists and single components', () => {
    const paths = relationPathsOf(edition, componentAttributes);
    expect(populateOf(paths, (target) => ({ select: [target] }))).toEqual({
      programme: { select: ['api::programme.programme'] },
      workshops: { populate: { host: { select: ['api::partner.partner'] } } },
      partners: { populate: { partner: { select: ['api::partner.partner'] } } },
      days: { populate: { workshop: { populate: { host: { select: ['api::partner.partner'] } } } } },
    });
    const row = {
      workshops: [{ host: { documentId: 'p1' } }, { host: null }, { host: { documentId: 'p2' } }],
      days: { workshop: { host: { documentId: 'p3' } } },
    };
    expect(valuesAt(row, ['workshops', 'host']).map((found) => found.documentId)).toEqual(['p1', 'p2']);
    expect(valuesAt(row, ['days', 'workshop', 'host']).map((found) => found.documentId)).toEqual(['p3']);
    expect(valuesAt(row, ['partners', 'partner'])).toEqual([]);
  });

  it('filters through components to the related document', () => {
    expect(whereAt(['workshops', 'host'], { documentId: 'p1' })).toEqual({ workshops: { host: { documentId: 'p1' } } });
  });
});

describe('which writes read the published state', () => {
  it.each([
    // action, status, draft and publish, reads the published state before the write
    ['update', undefined, true, false],
    ['update', 'draft', true, false],
    ['update', 'published', true, true],
    ['update', undefined, false, true],
    ['publish', undefined, true, true],
    ['unpublish', undefined, true, true],
    ['delete', undefined, true, true],
    ['discardDraft', undefined, true, true],
    ['create', 'published', true, false],
    ['findMany', undefined, true, false],
  ])('%s with status %s (draft and publish: %s) reads it first: %s', (action, status, draftAndPublish, reads) =>
    expect(changesPublicState(action, { status }, draftAndPublish)).toBe(reads)
  );

  it.each([
    // event, entry's publishedAt, draft and publish, reads the published state after the write
    ['entry.create', null, true, false],
    ['entry.create', '2026-01-01T00:00:00.000Z', true, true],
    ['entry.create', null, false, true],
    ['entry.update', null, true, true],
    ['entry.publish', '2026-01-01T00:00:00.000Z', true, true],
    ['entry.unpublish', '2026-01-01T00:00:00.000Z', true, true],
    ['entry.delete', null, true, true],
  ])('%s of an entry published at %s (draft and publish: %s) reads it after: %s', (event, publishedAt, draftAndPublish, reads) =>
    expect(mayShowPublished(event, { publishedAt }, draftAndPublish)).toBe(reads)
  );
});
