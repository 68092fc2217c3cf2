import type { Core } from '@strapi/strapi';
import { validationError } from '../../../../lib/validation/validationError';

type Context = Parameters<Core.MiddlewareHandler>[0];

/** Strapi 5.54.0 names its Content API token strategy `content-api-token`, earlier 5.x `api-token` (as in src/plugins/visibility/server/readerAccess.ts). */
const API_TOKEN_STRATEGIES = new Set(['api-token', 'content-api-token']);

/** How many relations or components deep one entry of a `populate` tree reaches (1 for the entry itself). */
const entryDepth = (value: unknown): number => {
  if (value === false || value === 'false' || value === null || value === undefined) return 0;
  if (typeof value !== 'object' || Array.isArray(value)) return 1;
  const entry = value as { populate?: unknown; on?: unknown };
  // A dynamic zone's `on` fragments sit at the level of the zone itself; what they populate is one deeper.
  const fragments = entry.on && typeof entry.on === 'object' ? Object.values(entry.on).map((fragment) => entryDepth(fragment) - 1) : [];
  return 1 + Math.max(0, populateDepth(entry.populate), ...fragments);
};

/**
 * The depth of a `populate` query in any of Strapi's forms: `*`, `a,b.c` (dots go deeper), a list,
 * or the object form with nested `populate` and `on`. `populate[a][populate][b][populate]=*` is 3.
 */
export const populateDepth = (populate: unknown): number => {
  if (populate === undefined || populate === null || populate === false || populate === 'false') return 0;
  if (typeof populate === 'string')
    return Math.max(0, ...populate.split(',').map((path) => (path.trim() ? path.trim().split('.').length : 0)));
  if (Array.isArray(populate)) return Math.max(0, ...populate.map(populateDepth));
  if (typeof populate === 'object') return Math.max(0, ...Object.values(populate).map(entryDepth));
  return 1;
};

/** A `populate` deeper than `maxDepth` is refused with a 400 naming `populate`. */
export const assertPopulateDepth = (populate: unknown, maxDepth: number): void => {
  const depth = populateDepth(populate);
  if (depth > maxDepth) {
    throw validationError([
      { path: ['populate'], message: `populate: ${depth} levels deep; public reads may populate at most ${maxDepth} levels` },
    ]);
  }
};

/**
 * Deep population multiplies the rows one request reads. Readers with an API token (the site's
 * build, journalists) are trusted with any depth; everyone else is held to `API_POPULATE_MAX_DEPTH`.
 */
export const limitPopulateDepth = (strapi: Core.Strapi, ctx: Context): void => {
  const strategy = (ctx.state.auth as { strategy?: { name?: string } } | undefined)?.strategy?.name;
  if (API_TOKEN_STRATEGIES.has(strategy ?? '')) return;
  assertPopulateDepth((ctx.query as Record<string, unknown>).populate, strapi.config.get('query-limits.populateMaxDepth', 4));
};
