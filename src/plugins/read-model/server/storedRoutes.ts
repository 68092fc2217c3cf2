import type { Core } from '@strapi/strapi';
import { contentApiRoutes, qualifiedHandlerOf, type ContentApiRoute } from './strapiInternals';

/** The read actions of public-api's read controller that the model answers. */
export type StoredAction = 'find' | 'findOne' | 'findBySlug';
const STORED_ACTIONS: ReadonlySet<string> = new Set<StoredAction>(['find', 'findOne', 'findBySlug']);

export type StoredRoute = {
  /** The served type, or for an early handler its handler as permissions name it. */
  uid: string;
  /** A read the model answers itself, or `early`: a configured handler run before the router (settings.ts `earlyHandlers`). */
  action: StoredAction | 'early';
  /** What Strapi's router would put on `ctx.state.route` (the middlewares after it read the handler). */
  route: ContentApiRoute;
  /** The actions the Public role must be granted to call it (Strapi's `config.auth.scope`); none when the route is public. */
  scopes: readonly string[];
};

type Matcher = { pattern: RegExp; params: string[]; served?: StoredRoute };
export type RouteMatch = { served: StoredRoute; params: Record<string, string> };

const PARAM = /:(\w+)/g;
const LITERAL = /^[\w.~-]*$/;
const escaped = (literal: string) => literal.replace(/[.~-]/g, '\\$&');

/**
 * A route path as @koa/router matches it by default (case-insensitive, an optional trailing slash,
 * a `:name` being anything but a slash, as in `/sitemap-:part.xml`). A path using more of
 * path-to-regexp's syntax gets a pattern matching everything below its literal start, so that no
 * request it could take is served around it.
 */
const patternOf = (path: string): { pattern: RegExp; params: string[] } => {
  const params: string[] = [];
  let source = '';
  for (const segment of path.split('/').slice(1)) {
    const literals = segment.split(PARAM).filter((_, index) => index % 2 === 0);
    if (!literals.every((literal) => LITERAL.test(literal))) return { pattern: new RegExp(`^${source}(?:/.*)?$`, 'i'), params: [] };
    params.push(...[...segment.matchAll(PARAM)].map((match) => match[1]));
    source += `/${literals.map(escaped).join('([^/]+?)')}`;
  }
  return { pattern: new RegExp(`^${source}/?$`, 'i'), params };
};

const scopesOf = (route: ContentApiRoute, handler: string): string[] => {
  const auth = route.config?.auth;
  return auth === false ? [] : (auth?.scope ?? [handler]);
};

/**
 * A route the model can stand in for: a GET of a served type's read action, with no policy or
 * middleware beyond the type's default population; or a GET of an early handler, with none at all.
 */
const servedRoute = (route: ContentApiRoute, servedTypes: readonly string[], earlyHandlers: readonly string[]): StoredRoute | undefined => {
  if (typeof route.handler !== 'string' || route.method.toUpperCase() !== 'GET') return undefined;
  const qualified = qualifiedHandlerOf(route);
  if (qualified !== undefined && earlyHandlers.includes(qualified)) {
    const routeWork = [...(route.config?.policies ?? []), ...(route.config?.middlewares ?? [])];
    return routeWork.length === 0 ? { uid: qualified, action: 'early', route, scopes: scopesOf(route, qualified) } : undefined;
  }
  const dot = route.handler.lastIndexOf('.');
  const uid = route.handler.slice(0, dot);
  const action = route.handler.slice(dot + 1);
  if (!servedTypes.includes(uid) || !STORED_ACTIONS.has(action)) return undefined;
  const [, type] = /^api::([\w-]+)\.\1$/.exec(uid) ?? [];
  const middlewares = route.config?.middlewares ?? [];
  if ((route.config?.policies ?? []).length > 0) return undefined;
  if (!middlewares.every((name) => type !== undefined && name === `api::${type}.${type}-populate`)) return undefined;
  return { uid, action: action as StoredAction, route, scopes: scopesOf(route, route.handler) };
};

/**
 * The Content API's GET routes under `apiPrefix`, to find the one a request goes to without Strapi's
 * router. A request is answered from the model only when exactly one route matches it and it is a
 * served read: where another route could take the path too (a custom `/articles/embargoed` beside
 * `/articles/:id`), the router decides.
 */
export const storedRoutesOf = (strapi: Core.Strapi, servedTypes: readonly string[], earlyHandlers: readonly string[]) => {
  const apiPrefix = strapi.config.get<string | undefined>('api.rest.prefix') ?? '/api';
  const matchers: Matcher[] = contentApiRoutes(strapi)
    .filter(({ route }) => route.method.toUpperCase() === 'GET' || route.method === '*' || route.method.toUpperCase() === 'HEAD')
    .map(({ path, route }) => ({ ...patternOf(path), served: servedRoute(route, servedTypes, earlyHandlers) }));
  return {
    match(path: string): RouteMatch | undefined {
      if (!path.toLowerCase().startsWith(apiPrefix.toLowerCase())) return undefined;
      const below = path.slice(apiPrefix.length);
      let found: RouteMatch | undefined;
      for (const matcher of matchers) {
        const values = matcher.pattern.exec(below);
        if (!values) continue;
        // A second route matching the same path: the router's order decides, not us.
        if (found || !matcher.served) return undefined;
        found = { served: matcher.served, params: Object.fromEntries(matcher.params.map((name, index) => [name, values[index + 1]])) };
      }
      return found;
    },
  };
};

export type StoredRoutes = ReturnType<typeof storedRoutesOf>;
