import type { Core } from '@strapi/strapi';
import { isWriteAction, documentIdOf, type DocumentMiddleware } from '../../../../lib/documents/documentMiddleware';
import { validationError } from '../../../../lib/validation/validationError';
import { findViolations, type Entry, type RulesByType } from './contentRules';
import { findDisallowedMedia, mediaPopulate, type ComponentAttributes } from './mediaTypes';

/**
 * Checks the rules on the entry as stored after the write, so a partial update is judged together
 * with the fields it did not send, and media fields by the files actually attached whatever shape
 * their ids were sent in (the fields a write does not send hold files checked when they were sent).
 * The write runs in a transaction that a violation rolls back: nothing invalid is kept, and nothing
 * already stored is lost. One read serves every rule.
 */
export const enforceContentRules =
  (strapi: Core.Strapi, appliesTo: (uid: string) => boolean, rules: RulesByType): DocumentMiddleware =>
  async (context, next) => {
    if (!appliesTo(context.uid) || !isWriteAction(context.action)) return next();
    const componentAttributes: ComponentAttributes = (uid) =>
      (strapi.getModel(uid as never) as unknown as { attributes?: never } | undefined)?.attributes;
    const attributes = context.contentType.attributes as never;
    // Only the media fields this write sends can hold a new file; the others were checked when they were written.
    const sent = context.params.data ?? {};
    const populate = Object.fromEntries(Object.entries(mediaPopulate(attributes, componentAttributes)).filter(([field]) => field in sent));
    const hasMedia = Object.keys(populate).length > 0;
    if (!rules.has(context.uid) && !hasMedia) return next();

    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = documentIdOf(context, result);
      if (!documentId) return result;

      const entries = (await strapi.db
        .query(context.uid)
        .findMany({ where: { documentId }, ...(hasMedia ? { populate } : {}) })) as Entry[];
      const violations = entries.flatMap((entry) => [
        ...findViolations(rules, context.uid, entry),
        ...findDisallowedMedia(attributes, entry, componentAttributes),
      ]);
      // One entry per locale and state shares the non-localized fields, so report each problem once.
      const unique = [...new Map(violations.map((v) => [v.path.join('.') + v.message, v])).values()];
      if (unique.length > 0) throw validationError(unique);
      return result;
    });
  };
