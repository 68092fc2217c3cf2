import type { Core } from '@strapi/strapi';
import { knownLocaleQuery, type LocaleQuery } from '../../../../lib/locales/localeQuery';
import { SLUG_PATTERN } from '../../../../lib/site/slugPattern';
import { DETAIL_PARAMS, eligibleForReadModel, storedDetailText } from '../serve';
import { eligibleListRead, listBytes, storedFallbackList, storedList } from '../serveList';
import { answerSerialized } from '../../../../lib/output/serializedAnswer';
import { stateOf } from '../pluginState';
import type { RouteMatch } from '../storedRoutes';

type Context = Parameters<Core.MiddlewareHandler>[0];

/**
 * Sets the stored detail, slug or list answer for the route `matched` as the body, and tells whether
 * it did (not for anything the model cannot answer exactly). A list goes out as its stored bytes,
 * spliced, never parsed; a detail too (translation-meta parses it when it adds `meta.translation`).
 */
const answered = async (strapi: Core.Strapi, ctx: Context, { served, params }: RouteMatch): Promise<boolean> => {
  const { uid, action, scopes } = served;
  const eligible = action === 'find' ? eligibleListRead(strapi, uid, ctx) : eligibleForReadModel(strapi, uid, ctx, DETAIL_PARAMS);
  if (!eligible) return false;
  let locale: LocaleQuery;
  try {
    locale = await knownLocaleQuery(strapi, ctx.query);
  } catch {
    // The controller refuses it with Strapi's 400, naming the field.
    return false;
  }
  if (action === 'find') {
    const pagination = (ctx.query as { pagination?: unknown }).pagination;
    const list =
      !locale.fallback || locale.requested === locale.defaultLocale
        ? await storedList(strapi, uid, ctx, locale, pagination, scopes)
        : await storedFallbackList(strapi, uid, ctx, locale, pagination, scopes);
    if (!list) return false;
    answerSerialized(ctx, listBytes(list), list.documentIds);
    return true;
  }
  // A parameter the router would decode (`%`), or a slug the controller refuses, goes its way.
  const value = action === 'findOne' ? params.id : params.slug;
  if (value === undefined || value.includes('%') || (action === 'findBySlug' && !SLUG_PATTERN.test(value))) return false;
  const lookup = action === 'findOne' ? { documentId: value } : { slug: value };
  const stored = await storedDetailText(strapi, uid, ctx, locale, lookup, scopes);
  // Nothing visible: the controller answers the 404 with its own message.
  if (!stored || !('text' in stored)) return false;
  answerSerialized(ctx, stored.text, stored.documentIds);
  return true;
};

/**
 * Answers a public read that the read model holds without Strapi's router: no route auth (the Public
 * role's grant of the route's scopes is checked against the model's epoch instead), no policies, no
 * query validation or sanitization (only `locale`, `fallback`, page pagination, a slug or kind filter
 * and the publication order are accepted, as the controller's own stored path does). Placed in config/middlewares.ts right inside the HTTP cache (ETag,
 * Cache-Control, 304, stored copies) and `meta.translation`, which wrap it as they wrap the router, and
 * before body parsing, session and static files, which a stored GET does not need. A request for
 * anything else, or one the model cannot answer exactly, goes on to the router unchanged.
 */
const serveStored: Core.MiddlewareFactory = (_config, { strapi }) => {
  return async (ctx, next) => {
    const routes = stateOf(strapi).storedRoutes;
    const matched = ctx.method === 'GET' && !ctx.get('Authorization') ? routes?.match(ctx.path) : undefined;
    if (matched && (await answered(strapi, ctx, matched))) {
      // As the router sets it: the HTTP cache and translation-meta read the handler.
      ctx.state.route = { ...matched.served.route, config: matched.served.route.config ?? {} };
      return;
    }
    await next();
  };
};

export default serveStored;
