import type { Core } from '@strapi/strapi';
import { isRead, publicAnswersOf } from '../http-cache/publicAnswers';
import { frontDoorOf } from '../front-door/frontDoor';
import { now } from '../../../../lib/clock/clock';

/**
 * Answers a repeated anonymous public GET from the stored copy before the work such a GET does not
 * need (body parsing, public files, the router). Placed early in config/middlewares.ts,
 * after the logger, errors, security headers, CORS and the rate limit, which still apply to a hit.
 * What it serves is what `http-cache` (after the router) stored, with the same headers and rules:
 * never to a request with an Authorization header, never for a query with a parameter no route reads.
 * The front door (../front-door/frontDoor.ts) answers most such hits before Koa; this serves the rest.
 */
const serveCached: Core.MiddlewareFactory = (_config, { strapi }) => {
  const answers = publicAnswersOf(strapi);
  return async (ctx, next) => {
    if (isRead(ctx) && ctx.path.startsWith(answers.apiPrefix) && !ctx.get('Authorization')) {
      // The headers the middlewares before this one set, for the front door (once).
      frontDoorOf(strapi)?.captureHeaders(ctx);
      const key = answers.keyFor(ctx);
      if (key !== undefined && (await answers.serveStored(ctx, key, now()))) return;
    }
    await next();
  };
};

export default serveCached;
