import type { Core } from '@strapi/strapi';
import { translationServices } from '../services';
import { serializedAnswerOf } from '../../../../lib/output/serializedAnswer';

type Body = { data?: { documentId?: string } | null; meta?: { locale?: { requested?: string; served?: string }; [key: string]: unknown } };

/** `api::article.article.findBySlug` → `api::article.article`, for the detail reads only. */
export const detailReadOf = (handler: unknown): string | undefined => {
  const match = /^(api::[\w-]+\.[\w-]+)\.(findOne|findBySlug)$/.exec(String(handler ?? ''));
  return match?.[1];
};

export const wantsTranslationMeta = (query: Record<string, unknown>, byDefault: boolean): boolean =>
  query.translation === undefined ? byDefault : query.translation === 'true';

/**
 * Adds `meta.translation` to the detail and slug answers of followed types, on `?translation=true`
 * or always when configured. Sits in config/middlewares.ts inside the HTTP cache, so the ETag covers it.
 * A fallback answer (another locale served) is `missing`.
 */
const translationMeta: Core.MiddlewareFactory = (_config, { strapi }) => {
  return async (ctx, next) => {
    await next();
    if (ctx.method !== 'GET' || ctx.status !== 200) return;
    const uid = detailReadOf((ctx.state.route as { handler?: unknown } | undefined)?.handler);
    if (!uid) return;
    const { settings, tracker } = translationServices(strapi);
    if (!settings.isFollowed(uid)) return;
    if (!wantsTranslationMeta(ctx.query, settings.config().metaByDefault)) return;
    // A stored answer given as its bytes (the read model's) is parsed only here, when meta is added.
    const serialized = serializedAnswerOf(ctx);
    const body = (serialized ? JSON.parse(serialized.body.toString('utf8')) : ctx.body) as Body | undefined;
    const documentId = body?.data?.documentId;
    const requested = body?.meta?.locale?.requested;
    const served = body?.meta?.locale?.served ?? requested;
    if (!body?.meta || !documentId || !requested) return;
    const state = await tracker.stateOf(uid, documentId, requested);
    const fellBack = served !== requested;
    body.meta.translation = {
      source: state.source,
      state: requested === state.source ? 'source' : fellBack ? 'missing' : state.state,
      sourceUpdatedAt: state.sourceUpdatedAt,
    };
    if (serialized) ctx.body = body;
  };
};

export default translationMeta;
