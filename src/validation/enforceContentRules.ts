import type { Core } from '@strapi/strapi';
import { isApiContentType, isWriteAction, documentIdOf, type DocumentMiddleware } from '../documents/documentMiddleware';
import { findViolations, RULES_BY_TYPE, type Entry } from './contentRules';
import { validationError } from './validationError';

/**
 * Checks the rules on the entry as stored after the write, so a partial update is judged together
 * with the fields it did not send. The write runs in a transaction that a violation rolls back:
 * nothing invalid is kept, and nothing already stored is lost.
 */
export const enforceContentRules =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!isApiContentType(context.uid) || !isWriteAction(context.action) || !RULES_BY_TYPE[context.uid]) return next();

    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = documentIdOf(context, result);
      if (!documentId) return result;

      const entries = (await strapi.db.query(context.uid).findMany({ where: { documentId } })) as Entry[];
      const violations = entries.flatMap((entry) => findViolations(context.uid, entry));
      // One entry per locale and state shares the non-localized fields, so report each problem once.
      const unique = [...new Map(violations.map((v) => [v.path.join('.') + v.message, v])).values()];
      if (unique.length > 0) throw validationError(unique);
      return result;
    });
  };
