import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { DocumentMiddleware } from '../../../lib/documents/documentMiddleware';
import { now } from '../../../lib/clock/clock';
import { visibilityFilterFor, type Filter, type ReaderAccess } from './visibilityRules';
import { isGuarded } from './settings';
import { currentRequest } from '../../../lib/requests/currentRequest';
import { isContentApiRequest, readerAccessOf } from './readerAccess';
import type { RequestLike } from './strapiInternals';
import { addVisibilityToPopulate } from './visibilityPopulate';
import { checkSort, restrictFilters, restrictPopulate, type QueryRules } from './restrictQuery';
import { hasPrivateFields, isPrivateField } from './privacy/privateFields';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/**
 * What restrictQuery needs to know about this reader at this instant: the model attributes, the
 * visibility filter per type, and (unless `lookups` is false) a way to look ids up.
 */
export const queryRules = (strapi: Core.Strapi, instant: Date, access: ReaderAccess, lookups = true): QueryRules => {
  const attributesOf = (uid: string) =>
    (strapi.getModel(uid as never) as { attributes?: Record<string, { type: string }> } | undefined)?.attributes;
  const filterFor = (uid: string): Filter | undefined => {
    const attributes = attributesOf(uid);
    if (!attributes) return undefined;
    return visibilityFilterFor(uid, attributes, instant, access);
  };
  return {
    attributesOf: attributesOf,
    filterFor,
    restricts: isGuarded,
    isPrivate: isPrivateField,
    ...(lookups
      ? {
          findIds: async (uid: string, where: Filter) =>
            ((await strapi.db.query(uid as never).findMany({ where, select: ['id'] })) as Array<{ id: number | string }>).map(
              (row) => row.id
            ),
        }
      : {}),
  };
};

/**
 * Forces the visibility rule onto every published read made through the Content API, whatever the
 * client asked: lists, counts, single reads and every populated relation, and through whatever the
 * client names in `filters`, `sort` and `_q` (see restrictQuery), so that no answer, count included,
 * differs by the presence of a document the reader may not see. The rule is always part
 * of the query, for every type with a time field: skipping it when nothing seemed held back raced
 * with writes committed during the request. The admin panel and server code are not Content API
 * requests.
 */
export const enforceVisibility =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!READ_ACTIONS.has(context.action) || !isGuarded(context.uid)) return next();
    const request: RequestLike = currentRequest(strapi);
    if (!isContentApiRequest(request)) return next();

    const access: ReaderAccess = readerAccessOf(request);
    if (context.params.status === 'draft' && access.canReadDrafts) return next();
    // `?status=draft` from anyone else reads the published version, as if it were not asked; so does
    // a read with no status (the Document Service would default to drafts).
    context.params.status = 'published';
    const instant = now();
    const rules = queryRules(strapi, instant, access);
    const { filterFor } = rules;
    const attributesOf = rules.attributesOf;
    if (context.params._q !== undefined && hasPrivateFields(context.uid)) {
      throw new errors.ValidationError('_q: full-text search is not available on this type', {
        errors: [{ path: ['_q'], message: 'full-text search is not available on this type', name: 'ValidationError' }],
      });
    }
    if (context.params.sort !== undefined) checkSort(context.params.sort, context.uid, rules);

    const own = filterFor(context.uid);
    const existing = context.params.filters === undefined ? undefined : await restrictFilters(context.params.filters, context.uid, rules);
    if (own) context.params.filters = existing ? { $and: [existing, own] } : own;
    else if (existing !== undefined) context.params.filters = existing;
    if (context.params.populate !== undefined) {
      const restricted = await restrictPopulate(context.params.populate, context.uid, rules);
      context.params.populate = addVisibilityToPopulate(restricted, context.uid, attributesOf, filterFor);
    }
    return next();
  };
