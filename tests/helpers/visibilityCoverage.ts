import type { Core } from '@strapi/strapi';
import { modelOf, relationPaths, restPathOf } from './schemaPaths';
import type { ContentApiRoute } from './contentApiRoutes';

/** `GET /articles/:id`: a route as the inventory names it (method and Strapi path). */
export const routeKey = (route: Pick<ContentApiRoute, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/**
 * The public routes the embargo race reads while a writer publishes, embargoes and deletes a release
 * (tests/api/embargo-race.test.ts), in the order of its requests: the race checks it has one request
 * per entry, so a request added there without a route here fails.
 */
export const EMBARGO_RACE_ROUTES = [
  { label: 'list', route: 'GET /articles' },
  { label: 'filtered list', route: 'GET /articles' },
  { label: 'detail', route: 'GET /articles/:id' },
  { label: 'slug', route: 'GET /articles/slug/:slug' },
  { label: 'populated relation', route: 'GET /editions' },
  { label: 'relation filter probe', route: 'GET /editions' },
  { label: 'feed', route: 'GET /feeds/:locale/:feed' },
  { label: 'sitemap', route: 'GET /sitemap.xml' },
  { label: 'digest', route: 'GET /newsletter/digest' },
  { label: 'graphql', route: 'POST /graphql' },
] as const;

/**
 * The list routes the embargo oracle probes (tests/api/embargo-oracle.test.ts): the roots of every
 * relation path, from the same schema walk the oracle does.
 */
export const embargoOracleRoutes = (strapi: Core.Strapi): string[] => [
  ...new Set(relationPaths(strapi, 2).map((path) => `GET /${restPathOf(modelOf(strapi, path.root))}`)),
];

/**
 * Public routes that neither the race nor the oracle reads, each with the test that checks what it
 * hides, or why nothing is hidden there. A new public route fails the inventory until it is listed
 * here or read by the race or the oracle.
 */
export const OTHER_VISIBILITY_COVERAGE: Record<string, string> = {
  'GET /articles/slug/:slug/press-kit.zip': 'press-kit.test.ts: a 404 under embargo and for a draft, served to a journalist token',
  'GET /editions/:id': 'same public read controller and query restriction as GET /articles/:id (embargo.test.ts, embargo-race.test.ts)',
  'GET /editions/slug/:slug': 'same public read controller and query restriction as GET /articles/slug/:slug (embargo-race.test.ts)',
  'GET /partners/:id': 'scheduled-publishing.test.ts: a partner scheduled later is hidden everywhere until its date',
  'GET /partners/slug/:slug': 'scheduled-publishing.test.ts: a partner scheduled later is hidden everywhere until its date',
  'GET /people/:id': 'press-contact-privacy.test.ts: contact details hidden; people have no embargo or schedule of their own',
  'GET /press-coverages/:id': 'same public read controller and query restriction as GET /articles/:id (embargo.test.ts)',
  'GET /press-coverages/slug/:slug': 'same public read controller and query restriction as GET /articles/slug/:slug (embargo-race.test.ts)',
  'GET /programmes/:id': 'same public read controller and query restriction as GET /articles/:id (embargo.test.ts)',
  'GET /programmes/slug/:slug': 'same public read controller and query restriction as GET /articles/slug/:slug (embargo-race.test.ts)',
  'GET /sitemap-:part.xml':
    'sitemap.test.ts: every configured type and time field hidden before its instant and dated at it, in /sitemap.xml and in every part',
  'GET /search':
    'search.test.ts: drafts, embargoed and scheduled documents are neither found nor counted before their instant, on both databases',
};

/**
 * Routes deliberately left out of the Public allow list (src/permissions/publicRouteActions.ts), by
 * action, with the reason. Writes are private by rule (see `isWrite`).
 */
export const DELIBERATELY_PRIVATE: Record<string, string> = {
  'api::article.article.embargoed': 'journalists only, with an embargo token (journalist-access.test.ts)',
  'plugin::translation-status.status.list': 'staff tooling: a token given that permission, never Public (translation-status.test.ts)',
  'plugin::translation-status.status.markCurrent':
    'staff tooling: a token given that permission, never Public (translation-status.test.ts)',
};

/** Core write actions: the Content API is read-only for visitors; staff write in the admin panel. */
export const isWrite = (action: string): boolean => /\.(create|update|delete)$/.test(action);
