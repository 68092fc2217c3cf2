import type { Core } from '@strapi/strapi';

/** winston's logger, as Strapi's is; another logger without `isLevelEnabled` gets every line, as from Strapi's. */
type RequestLogger = { http(message: string): unknown; isLevelEnabled?: (level: string) => boolean };

/**
 * `strapi::logger` as Strapi 5.54.0 writes it (@strapi/core `dist/middlewares/logger.js`): the same
 * `http` line for each request, but only when a transport would write it. Strapi's calls
 * `strapi.log.http` on every request, and winston formats the line (its timestamp included) before
 * its transports drop it: about 3 % of the CPU of an uncached public read in production, where the
 * level is above `http`. The plugin puts it in place of Strapi's under the same name
 * (`replaceCoreMiddleware`). tests/unit/plugins/public-api/requestLog.test.ts compares it with
 * Strapi's own.
 */
const requestLog: Core.MiddlewareFactory = (_config, { strapi }) => {
  const log = strapi.log as unknown as RequestLogger;
  return async (ctx, next) => {
    const start = Date.now();
    await next();
    // Asked per request: the level can be changed while the server runs.
    if (log.isLevelEnabled && !log.isLevelEnabled('http')) return;
    const delta = Math.ceil(Date.now() - start);
    log.http(`${ctx.method} ${ctx.url} (${delta} ms) ${ctx.status}`);
  };
};

export default requestLog;
