import path from 'node:path';
import fc from 'fast-check';
import type { Core } from '@strapi/strapi';
import { CSP_DEFAULTS } from '@strapi/utils';
import securityHeaders from '../../../../src/plugins/public-api/server/middlewares/security-headers';

type Middleware = (ctx: unknown, next: () => Promise<unknown>) => unknown;
type Factory = (config: unknown, context: { strapi: unknown }) => Middleware;

/**
 * Strapi's own `strapi::security`, from its file: @strapi/core 5.54.0 exports no middleware, and
 * its package `exports` keep the path from a bare require. Our middleware copies its code; this
 * is the one place that reads it, to compare.
 */
const strapiSecurity = (): Factory => {
  const file = path.join(path.dirname(require.resolve('@strapi/core')), 'middlewares', 'security.js');
  return (require(file) as { security: Factory }).security;
};

/** What a middleware does to the response: every header set or removed, in order. */
const headersSetBy = async (middleware: Middleware, method: string, requestPath: string) => {
  const calls: Array<[string, string, unknown]> = [];
  const res = {
    headers: new Map<string, unknown>(),
    setHeader(name: string, value: unknown) {
      calls.push(['set', name, value]);
      this.headers.set(name.toLowerCase(), value);
    },
    getHeader(name: string) {
      return this.headers.get(name.toLowerCase());
    },
    removeHeader(name: string) {
      calls.push(['remove', name, undefined]);
      this.headers.delete(name.toLowerCase());
    },
  };
  const ctx = { method, path: requestPath, url: requestPath, req: { method, url: requestPath, headers: {} }, res };
  let nextCalls = 0;
  await middleware(ctx, () => {
    nextCalls += 1;
    return Promise.resolve();
  });
  return { calls, nextCalls };
};

const fakeStrapi = (playground: boolean) => ({
  plugin: (name: string) =>
    name === 'graphql'
      ? {
          service: () => ({ playground: { isEnabled: () => playground } }),
          config: (key: string) => (key === 'endpoint' ? '/graphql' : undefined),
        }
      : undefined,
  config: { get: (key: string) => (key === 'admin.path' ? '/admin' : undefined) },
});

// config/middlewares.ts's two forms: none, and the bucket's origin added for media.
const MEDIA = 'https://media.passerelle.test';
const CONFIGS = [
  {},
  {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        ...CSP_DEFAULTS,
        'img-src': [...CSP_DEFAULTS['img-src'], MEDIA],
        'media-src': [...CSP_DEFAULTS['media-src'], MEDIA],
        upgradeInsecureRequests: null,
      },
    },
  },
];
const PATHS = [
  '/api/articles',
  '/documentation',
  '/documentation/v1.0.0',
  '/graphql',
  '/graphqlx',
  '/admin',
  '/admin/content-manager',
  '/uploads/a.png',
  '/',
];

describe('security-headers: the headers of strapi::security, helmet built once per kind of request', () => {
  const environment = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = environment;
  });

  it('sets the same headers as Strapi 5.54.0 for random requests, configurations and environments (fast-check)', async () => {
    const theirs = strapiSecurity();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1),
        fc.boolean(),
        fc.constantFrom('production', 'development', 'test', undefined),
        fc.array(
          fc.record({
            method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT'),
            path: fc.constantFrom(...PATHS),
            tail: fc.constantFrom('', '/x', '?q=1'),
          }),
          {
            minLength: 1,
            maxLength: 8,
          }
        ),
        async (configIndex, playground, nodeEnv, requests) => {
          if (nodeEnv === undefined) delete process.env.NODE_ENV;
          else process.env.NODE_ENV = nodeEnv;
          const strapi = fakeStrapi(playground) as unknown as Core.Strapi;
          const config = CONFIGS[configIndex];
          // One instance of ours for the whole sequence: what it built for one request must not leak into the next.
          const ours = securityHeaders(config, { strapi }) as unknown as Middleware;
          for (const { method, path: requestPath, tail } of requests) {
            const expected = await headersSetBy(theirs(config, { strapi }), method, requestPath + tail);
            const actual = await headersSetBy(ours, method, requestPath + tail);
            expect(actual).toEqual(expected);
            expect(actual.calls.length).toBeGreaterThan(0);
          }
        }
      ),
      { numRuns: 200 }
    );
  });
});
