import type { Core } from '@strapi/strapi';
import { isWriteAction, type DocumentMiddleware } from '../../../../lib/documents/documentMiddleware';
import { findMalformedValues } from '../../../../lib/validation/malformedValues';
import { validationError } from '../../../../lib/validation/validationError';

export const rejectMalformedValues =
  (strapi: Core.Strapi, appliesTo: (uid: string) => boolean): DocumentMiddleware =>
  async (context, next) => {
    if (!appliesTo(context.uid) || !isWriteAction(context.action) || !context.params.data) return next();
    const componentAttributes = (uid: string) =>
      (strapi.components[uid as keyof typeof strapi.components] as { attributes?: Record<string, { type: string }> } | undefined)
        ?.attributes;
    const violations = findMalformedValues(context.contentType.attributes, context.params.data, componentAttributes);
    if (violations.length > 0) throw validationError(violations);
    return next();
  };
