import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, UID } from '@strapi/strapi';
import { buildSlug, firstFreeSlug } from './buildSlug';
import {
  isApiContentType,
  isWriteAction,
  type DocumentContext,
  type DocumentMiddleware,
} from '../../../../lib/documents/documentMiddleware';
import { validationError } from '../validation/validationError';
import { isSlugIndexConflict } from './uniqueSlugIndexes';

/** How many times a generated slug is recomputed after another writer took it first. */
const MAX_SLUG_ATTEMPTS = 5;
const slugAttempt = new AsyncLocalStorage<number>();

type UidAttribute = { type: 'uid'; targetField?: string };

const slugSourceField = (context: DocumentContext): string | undefined => {
  const attribute = context.contentType.attributes.slug as UidAttribute | undefined;
  return attribute?.type === 'uid' ? attribute.targetField : undefined;
};

const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const localeOf = async (strapi: Core.Strapi, context: DocumentContext): Promise<string> =>
  typeof context.params.locale === 'string'
    ? context.params.locale
    : await strapi.plugin('i18n').service<{ getDefaultLocale(): Promise<string> }>('locales').getDefaultLocale();

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

const slugTaken = () => validationError([{ path: ['slug'], message: 'This attribute must be unique' }]);

/** Runs the write; a slug the database refuses as taken is the client's 400, naming the field. */
const writeRefusingTakenSlug = async (next: () => Promise<unknown>) => {
  try {
    return await next();
  } catch (error) {
    if (isSlugIndexConflict(error)) throw slugTaken();
    throw error;
  }
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
    if (!isBlank(data.slug)) return writeRefusingTakenSlug(next);

    const locale = await localeOf(strapi, context);
    const { documentId } = context.params;
    let source = data[sourceField];
    if (context.action === 'update' && documentId && !('slug' in data)) {
      const existing = (await strapi.db.query(context.uid).findOne({
        select: ['slug', sourceField],
        where: { documentId, locale, publishedAt: null },
      })) as Record<string, unknown> | null;
      if (existing && !isBlank(existing.slug)) return writeRefusingTakenSlug(next);
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
    const requested = { ...context.params };
    context.params.data = { ...data, slug };
    try {
      return await next();
    } catch (error) {
      if (!isSlugIndexConflict(error)) throw error;
      // The read of taken slugs and the insert are not atomic: the unique index refused this writer
      // because another took the slug meanwhile. The call is made again from the start, so it reads
      // the taken slugs again and every rule runs again (Strapi's chain cannot be resumed midway).
      // Inside a caller's transaction PostgreSQL has aborted it: the conflict is reported instead.
      const attempt = slugAttempt.getStore() ?? 1;
      if (attempt >= MAX_SLUG_ATTEMPTS || strapi.db.inTransaction()) throw slugTaken();
      const documents = strapi.documents(context.uid) as unknown as Record<string, (params: unknown) => Promise<unknown>>;
      return slugAttempt.run(attempt + 1, () => documents[context.action](requested));
    }
  };
