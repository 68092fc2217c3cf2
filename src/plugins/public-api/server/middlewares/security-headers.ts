import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';
import helmet from 'helmet';
import fp from 'lodash/fp';
import { CSP_DEFAULTS } from '@strapi/utils';

type HelmetMiddleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;
type Options = Record<string, unknown>;

/** Strapi's defaults for `strapi::security` (5.54.0), which the configuration fills in. */
const DEFAULTS: Options = {
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: false,
  originAgentCluster: false,
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      ...CSP_DEFAULTS,
      upgradeInsecureRequests: null,
    },
  },
  xssFilter: false,
  hsts: {
    maxAge: 31536000,
    includeSubDomains: true,
  },
  frameguard: {
    action: 'sameorigin',
  },
};

const mergeConfig = (existing: Options, extra: Options): Options =>
  fp.mergeWith(
    (object: unknown, source: unknown) => (Array.isArray(object) && Array.isArray(source) ? object.concat(source) : undefined),
    existing,
    extra
  );

type GraphqlUtils = { playground: { isEnabled(): boolean } };

/** The request traits that make `strapi::security` configure helmet differently. */
type Variant = { playground: boolean; endpoint: string | undefined; specialPath: boolean; devAdmin: boolean };

/** The helmet options `strapi::security` builds for a request of this variant (its code, in the same order). */
const helmetOptions = (config: Options, variant: Variant): Options => {
  let options = fp.defaultsDeep(DEFAULTS, config) as Options;
  const directives: Record<string, string[]> = {
    'script-src': ["'self'", "'unsafe-inline'", 'cdn.jsdelivr.net'],
    'img-src': ["'self'", 'data:', 'cdn.jsdelivr.net', 'strapi.io'],
    'manifest-src': [],
    'frame-src': [],
  };
  if (variant.playground) {
    directives['script-src'].push(`https: 'unsafe-inline'`);
    directives['img-src'].push(`'apollo-server-landing-page.cdn.apollographql.com'`);
    directives['manifest-src'].push(`'self'`);
    directives['manifest-src'].push('apollo-server-landing-page.cdn.apollographql.com');
    directives['frame-src'].push(`'self'`);
    directives['frame-src'].push('sandbox.embed.apollographql.com');
  }
  if (variant.specialPath) {
    options = mergeConfig(options, { crossOriginEmbedderPolicy: false, contentSecurityPolicy: { directives } });
  }
  if (variant.devAdmin) {
    options = mergeConfig(options, {
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'connect-src': ["'self'", 'http:', 'https:', 'ws:'] },
      },
    });
  }
  return options;
};

/**
 * Runs helmet's middleware on the request: its headers are set synchronously (helmet 6.2.0), so no
 * promise is made for a request, unless a later helmet defers its callback.
 */
const setHeaders = (middleware: HelmetMiddleware, request: IncomingMessage, response: ServerResponse): Promise<void> | undefined => {
  let settled: { error?: unknown } | undefined;
  let later: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  middleware(request, response, (error) => {
    if (!later) settled = { error };
    else if (error) later.reject(error);
    else later.resolve();
  });
  if (settled) {
    if (settled.error) throw settled.error instanceof Error ? settled.error : new Error(String(settled.error));
    return undefined;
  }
  return new Promise((resolve, reject) => {
    later = { resolve, reject };
  });
};

/**
 * `strapi::security` as Strapi 5.54.0 writes it (@strapi/core `dist/middlewares/security.js`), the
 * same headers for the same request, but with each helmet built once per variant of the request
 * (GraphQL playground on, a documentation or playground path, the admin panel in development)
 * instead of on every request: Strapi deep-merges the configuration and builds helmet anew each
 * time, about 8 % of the CPU of an uncached public read. The plugin puts it in place of Strapi's
 * under the same name (`replaceCoreMiddleware`), so config/middlewares.ts is unchanged.
 * tests/unit/plugins/public-api/securityHeaders.test.ts compares the headers with Strapi's own
 * middleware on random requests; read Strapi's file again on an upgrade.
 */
const securityHeaders: Core.MiddlewareFactory = (config, { strapi }) => {
  const built = new Map<string, HelmetMiddleware>();
  const middlewareFor = (variant: Variant): HelmetMiddleware => {
    const key = `${variant.playground}|${variant.endpoint}|${variant.specialPath}|${variant.devAdmin}`;
    let middleware = built.get(key);
    if (!middleware) {
      middleware = helmet(helmetOptions(config as Options, variant));
      built.set(key, middleware);
    }
    return middleware;
  };

  return (ctx, next) => {
    // An app without the GraphQL plugin has no playground (Strapi's optional chaining).
    const graphql = strapi.plugin('graphql') as Core.Plugin | undefined;
    const playground = graphql?.service<GraphqlUtils>('utils').playground.isEnabled() ?? false;
    const endpoint = playground ? graphql?.config<string>('endpoint') : undefined;
    const specialPaths = ['/documentation', ...(playground ? [endpoint as string] : [])];
    const isGet = ctx.method === 'GET';
    const variant: Variant = {
      playground,
      endpoint,
      specialPath: isGet && specialPaths.some((prefix) => ctx.path.startsWith(prefix)),
      devAdmin:
        // eslint-disable-next-line no-restricted-properties -- read where Strapi's middleware reads it, for the same headers
        ['development', 'test'].includes(process.env.NODE_ENV ?? '') &&
        isGet &&
        ctx.path.startsWith(strapi.config.get<string>('admin.path')),
    };
    const pending = setHeaders(middlewareFor(variant), ctx.req, ctx.res);
    return pending ? pending.then(next) : next();
  };
};

export default securityHeaders;
