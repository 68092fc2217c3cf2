import type { Core } from '@strapi/strapi';
import { documentIdOf, publishesDocument, type DocumentMiddleware } from '../../../../lib/documents/documentMiddleware';
import { validationError } from '../../../../lib/validation/validationError';
import { matchesType, type EditorialRulesSettings } from '../settings';
import { creditedImageFields, findImagesMissingAltText } from './missingAltText';

/**
 * Refuses to publish a document whose images lack alternative text. The check reads the version
 * that the publish produced, inside the publish transaction, so a refusal leaves the previous
 * published version and the draft exactly as they were.
 */
export const requireAltTextOnPublish =
  (strapi: Core.Strapi, { component, contentTypes }: EditorialRulesSettings['altText']): DocumentMiddleware =>
  async (context, next) => {
    if (!matchesType(contentTypes, context.uid) || !publishesDocument(context)) return next();
    const imageFields = creditedImageFields(context.contentType.attributes, component);
    if (imageFields.length === 0) return next();

    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = documentIdOf(context, result);
      if (!documentId) return result;

      const published = (await strapi.db.query(context.uid).findMany({
        where: {
          documentId,
          publishedAt: { $notNull: true },
          ...(typeof context.params.locale === 'string' && context.params.locale !== '*' ? { locale: context.params.locale } : {}),
        },
        populate: Object.fromEntries(imageFields.map((field) => [field, { populate: { image: true } }])),
      })) as Array<Record<string, unknown>>;
      const violations = published.flatMap((entry) => findImagesMissingAltText(imageFields, entry));
      if (violations.length > 0) throw validationError(violations);
      return result;
    });
  };
