import type { Core } from '@strapi/strapi';
import { requiredSecret } from '../src/lib/config/requiredSecret';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => {
  const keepAliveTimeout = env.int('HTTP_KEEP_ALIVE_TIMEOUT_MS', 65_000);
  return {
    host: env('HOST', '0.0.0.0'),
    port: env.int('PORT', 1337),
    url: env('PUBLIC_URL', ''),
    // Behind a TLS proxy or a CDN: trust its X-Forwarded-* headers (secure admin cookies, the client's
    // real address). The object form, because Strapi 5.54 reads `server.proxy.koa` and ignores `proxy: true`.
    proxy: {
      koa: env.bool('TRUST_PROXY', false),
      // How many proxies append to X-Forwarded-For (CDN + TLS proxy = 2); 0 trusts the whole header,
      // whose first address any client can write.
      maxIpsCount: env.int('TRUST_PROXY_HOPS', 0),
    },
    app: {
      keys: requiredSecret(env, 'APP_KEYS').split(','),
    },
    http: {
      // Passed to Node's http.createServer by Strapi 5.54. An idle keep-alive connection stays open longer
      // than the proxy in front keeps its own (nginx's and Varnish's defaults: 60 s), so the proxy is the
      // one that closes it: with Node's 5 s, a proxy could send a request on a connection Node was closing
      // at that moment and answer 502. The headers' timeout must exceed it (Node's rule).
      serverOptions: {
        keepAliveTimeout,
        headersTimeout: keepAliveTimeout + 1_000,
      },
    },
    webhooks: {
      populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false),
    },
    logger: {
      updates: { enabled: env.bool('STRAPI_UPDATE_NOTIFICATION', false) },
      startup: { enabled: true },
    },
    cron: {
      enabled: !env.bool('STRAPI_DISABLE_CRON', false),
    },
  };
};

export default config;
