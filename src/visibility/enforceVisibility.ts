import type { Core } from '@strapi/strapi';
import { isApiContentType, type DocumentMiddleware } from '../documents/documentMiddleware';
import { now } from '../clock/clock';
import { visibilityFilter, type Filter, type ReaderAccess } from './visibilityRules';
import { currentRequest, isContentApiRequest, readerAccessOf } from './readerAccess';
import { addVisibilityToPopulate } from './visibilityPopulate';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/**
 * Forces the visibility rule onto every published read made through the Content API, whatever the
 * client asked: lists, counts, single reads and every populated relation. The rule is always part
 * of the query, for every type with a time field: skipping it when nothing seemed held back raced
 * with writes committed during the request. The admin panel and server code are not Content API
 * requests.
 */
export const enforceVisibility =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!READ_ACTIONS.has(context.action) || !isApiContentType(context.uid)) return next();
    const request = currentRequest(strapi);
    if (!isContentApiRequest(request)) return next();

    const access: ReaderAccess = readerAccessOf(request);
    if (context.params.status === 'draft' && access.canReadDrafts) return next();
    // `?status=draft` from anyone else reads the published version, as if it were not asked; so does
    // a read with no status (the Document Service would default to drafts).
    context.params.status = 'published';
    const instant = now();
    const attributesOf = (uid: string) =>
      (strapi.getModel(uid as never) as { attributes?: Record<string, { type: string }> } | undefined)?.attributes;
    const filterFor = (uid: string): Filter | undefined => {
      const attributes = attributesOf(uid);
      if (!attributes || !uid.startsWith('api::')) return undefined;
      return visibilityFilter(attributes, instant, access);
    };

    const own = filterFor(context.uid);
    if (own) {
      const existing = context.params.filters;
      context.params.filters = existing ? { $and: [existing, own] } : own;
    }
    if (context.params.populate !== undefined) {
      context.params.populate = addVisibilityToPopulate(context.params.populate, context.uid, attributesOf as never, filterFor);
    }
    return next();
  };
