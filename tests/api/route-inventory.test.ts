import fs from 'node:fs';
import path from 'node:path';
import { bootStrapi, type TestServer } from '../helpers/strapi';
import { generateOpenApiDocument, type OpenApiDocument } from '../helpers/openApiConformance';
import { actionOf, contentApiRoutes, openApiPathOf, type ContentApiRoute } from '../helpers/contentApiRoutes';
import {
  DELIBERATELY_PRIVATE,
  EMBARGO_RACE_ROUTES,
  embargoOracleRoutes,
  isWrite,
  OTHER_VISIBILITY_COVERAGE,
  routeKey,
} from '../helpers/visibilityCoverage';
import { PUBLIC_ROUTE_ACTIONS } from '../../src/permissions/publicRouteActions';

/**
 * Every Content API route, enumerated from what Strapi registered: public on purpose or private on
 * purpose, in the OpenAPI document, and read by a visibility test (or listed with the test that
 * checks it). A new route fails here until someone has decided each of the three.
 */
describe('route inventory', () => {
  let server: TestServer;
  let routes: ContentApiRoute[];
  let document: OpenApiDocument;

  beforeAll(async () => {
    server = await bootStrapi();
    routes = contentApiRoutes(server.strapi);
    const generated = await generateOpenApiDocument(server.strapi);
    if (!generated) throw new Error('the documentation plugin generated no OpenAPI document');
    document = generated;
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('finds the routes of every API, custom ones included', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map(routeKey)).toEqual(
      expect.arrayContaining([
        'GET /articles/slug/:slug/press-kit.zip',
        'GET /articles/embargoed',
        'GET /feeds/:locale/:feed',
        'GET /sitemap.xml',
      ])
    );
  });

  it('has every route either in the Public allow list or deliberately private, never both', () => {
    const undecided = routes
      .filter(
        (route) =>
          !PUBLIC_ROUTE_ACTIONS.includes(actionOf(route)) && !isWrite(actionOf(route)) && !(actionOf(route) in DELIBERATELY_PRIVATE)
      )
      .map((route) => `${routeKey(route)} (${actionOf(route)})`);
    expect(undecided).toEqual([]);
    expect(PUBLIC_ROUTE_ACTIONS.filter((action) => isWrite(action) || action in DELIBERATELY_PRIVATE)).toEqual([]);
    // No stale entry: each listed action is a route Strapi registered.
    const handlers = new Set(routes.map(actionOf));
    expect([...PUBLIC_ROUTE_ACTIONS, ...Object.keys(DELIBERATELY_PRIVATE)].filter((action) => !handlers.has(action))).toEqual([]);
  });

  it('has every route in the OpenAPI document', () => {
    const missing = routes.filter((route) => !document.paths[openApiPathOf(route.path)]?.[route.method.toLowerCase()]).map(routeKey);
    expect(missing).toEqual([]);
  });

  it('has every public route read by the embargo race or oracle, or listed with the test that covers it', () => {
    const race = new Set<string>(EMBARGO_RACE_ROUTES.map((entry) => entry.route));
    const oracle = new Set(embargoOracleRoutes(server.strapi));
    const publicRoutes = routes.filter((route) => PUBLIC_ROUTE_ACTIONS.includes(actionOf(route))).map(routeKey);
    const uncovered = publicRoutes.filter((key) => !race.has(key) && !oracle.has(key) && !(key in OTHER_VISIBILITY_COVERAGE));
    expect(uncovered).toEqual([]);
    // No stale entry: every route named there exists (GraphQL is the plugin's route, not an API's).
    const known = new Set(routes.map(routeKey));
    const named = [...race, ...oracle, ...Object.keys(OTHER_VISIBILITY_COVERAGE)].filter((key) => key !== 'POST /graphql');
    expect(named.filter((key) => !known.has(key))).toEqual([]);
    // Each test file named as coverage exists.
    const files = Object.values(OTHER_VISIBILITY_COVERAGE).flatMap((reason) => reason.match(/[\w-]+\.test\.ts/g) ?? []);
    expect(files.filter((file) => !fs.existsSync(path.join(__dirname, file)))).toEqual([]);
  });
});
