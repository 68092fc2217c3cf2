import type { Core } from '@strapi/strapi';
import { documentIdOf, isApiContentType, isWriteAction, type DocumentMiddleware } from '../documents/documentMiddleware';
import { validationError } from '../validation/validationError';
import { findDisallowedMedia, mediaPopulate, type ComponentAttributes } from './mediaTypes';

/**
 * Holds every media field to its `allowedTypes` on writes through any API. Judged on what was
 * stored (whatever shape the ids were sent in), inside the write's transaction: a refusal rolls the
 * write back and leaves the previous version as it was.
 */
export const enforceMediaTypes =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!isApiContentType(context.uid) || !isWriteAction(context.action)) return next();
    const componentAttributes: ComponentAttributes = (uid) =>
      (strapi.getModel(uid as never) as unknown as { attributes?: never } | undefined)?.attributes;
    const attributes = context.contentType.attributes as never;
    const populate = mediaPopulate(attributes, componentAttributes);
    if (Object.keys(populate).length === 0) return next();

    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = documentIdOf(context, result);
      if (!documentId) return result;
      const entries = (await strapi.db.query(context.uid).findMany({ where: { documentId }, populate })) as Array<Record<string, unknown>>;
      const violations = entries.flatMap((entry) => findDisallowedMedia(attributes, entry, componentAttributes));
      const unique = [...new Map(violations.map((v) => [v.path.join('.') + v.message, v])).values()];
      if (unique.length > 0) throw validationError(unique);
      return result;
    });
  };
