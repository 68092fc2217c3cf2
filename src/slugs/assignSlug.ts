import type { Core, UID } from '@strapi/strapi';
import { buildSlug, firstFreeSlug } from './buildSlug';
import { isApiContentType, isWriteAction, type DocumentContext, type DocumentMiddleware } from '../documents/documentMiddleware';

type UidAttribute = { type: 'uid'; targetField?: string };

const slugSourceField = (context: DocumentContext): string | undefined => {
  const attribute = context.contentType.attributes.slug as UidAttribute | undefined;
  return attribute?.type === 'uid' ? attribute.targetField : undefined;
};

const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const localeOf = async (strapi: Core.Strapi, context: DocumentContext): Promise<string> =>
  typeof context.params.locale === 'string'
    ? context.params.locale
    : await strapi.plugin('i18n').service('locales').getDefaultLocale();

const takenSlugs = async (strapi: Core.Strapi, uid: UID.ContentType, base: string, locale: string, documentId?: string) => {
  const rows = (await strapi.db.query(uid).findMany({
    select: ['slug'],
    where: {
      slug: { $startsWith: base },
      locale,
      ...(documentId ? { documentId: { $ne: documentId } } : {}),
    },
  })) as Array<{ slug: string | null }>;
  return new Set(rows.map((row) => row.slug).filter((slug): slug is string => Boolean(slug)));
};

/**
 * Fills an empty slug from the title (or name, headline) of the locale being written, unique within
 * that type and locale. A slug typed by staff is kept as is: Strapi checks its format and uniqueness.
 */
export const assignSlug =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    const sourceField = slugSourceField(context);
    if (!isApiContentType(context.uid) || !isWriteAction(context.action) || !sourceField) return next();

    const data = context.params.data ?? {};
    if (!isBlank(data.slug)) return next();

    const locale = await localeOf(strapi, context);
    const { documentId } = context.params;
    let source = data[sourceField];
    if (context.action === 'update' && documentId && !('slug' in data)) {
      const existing = (await strapi.db.query(context.uid).findOne({
        select: ['slug', sourceField],
        where: { documentId, locale, publishedAt: null },
      })) as Record<string, unknown> | null;
      if (existing && !isBlank(existing.slug)) return next();
      source = source ?? existing?.[sourceField];
    }
    if (isBlank(source) && documentId) {
      // A new locale of a document whose source field is shared (a partner's name) arrives without it.
      const sibling = (await strapi.db.query(context.uid).findOne({
        select: [sourceField],
        where: { documentId, [sourceField]: { $notNull: true } },
      })) as Record<string, unknown> | null;
      source = sibling?.[sourceField];
    }
    if (typeof source !== 'string' || source.trim() === '') return next();

    const base = buildSlug(source) || 'document';
    const slug = firstFreeSlug(base, await takenSlugs(strapi, context.uid, base, locale, documentId));
    context.params.data = { ...data, slug };
    return next();
  };
