import type { Core } from '@strapi/strapi';
import { knownLocaleQuery, type LocaleQuery } from '../../../../lib/locales/localeQuery';
import { SLUG_PATTERN } from '../../../../lib/site/slugPattern';
import { DETAIL_PARAMS, eligibleForReadModel, modelServes, runtimeOf, storedDetailText } from '../serve';
import { readModelSettings } from '../settings';
import { routeActionOf } from '../strapiInternals';
import { eligibleListRead, listBytes, storedFallbackList, storedList } from '../serveList';
import { answerSerialized } from '../../../../lib/output/serializedAnswer';
import { stateOf } from '../pluginState';
import type { RouteMatch } from '../storedRoutes';

type Context = Parameters<Core.MiddlewareHandler>[0];

/** As the router sets it: the HTTP cache, translation-meta and the visibility rules read it (`info.type`). */
const setRoute = (ctx: Context, { served }: RouteMatch) => {
  ctx.state.route = { ...served.route, config: served.route.config ?? {} };
};

/**
 * Runs an early handler's controller as the router would for the Public, once the model is built and
 * the Public role holds the route's scopes; false (the router's turn) otherwise. The route is set
 * first: the visibility rules apply to a Content API request, which it marks. A parameter the router
 * would decode (`%`) goes the router's way. The controller's errors reach `strapi::errors` as from
 * the router; a returned value becomes the body, as the router's `returnBodyMiddleware` does.
 */
const ranEarly = async (strapi: Core.Strapi, ctx: Context, matched: RouteMatch): Promise<boolean> => {
  const settings = readModelSettings(strapi);
  if (!runtimeOf(strapi) || !settings.enabled || !settings.serve) return false;
  if (Object.values(matched.params).some((value) => value.includes('%'))) return false;
  const action = routeActionOf(strapi, matched.served.route);
  if (!action || !(await modelServes(strapi, matched.served.scopes))) return false;
  ctx.params = matched.params;
  setRoute(ctx, matched);
  const returned = await action(ctx);
  if ((ctx.body === undefined || ctx.body === null) && returned !== undefined && returned !== null) ctx.body = returned;
  return true;
};

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
 * before body parsing and static files, which a stored GET does not need. A request for
 * anything else, or one the model cannot answer exactly, goes on to the router unchanged.
 */
const serveStored: Core.MiddlewareFactory = (_config, { strapi }) => {
  return async (ctx, next) => {
    const routes = stateOf(strapi).storedRoutes;
    const matched = ctx.method === 'GET' && !ctx.get('Authorization') ? routes?.match(ctx.path) : undefined;
    if (matched?.served.action === 'early') {
      if (await ranEarly(strapi, ctx, matched)) return;
    } else if (matched && (await answered(strapi, ctx, matched))) {
      setRoute(ctx, matched);
      return;
    }
    await next();
  };
};

export default serveStored;
