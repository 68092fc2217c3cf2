import type { Core, UID } from '@strapi/strapi';
import {
  isApiContentType,
  isWriteAction,
  documentIdOf,
  type DocumentMiddleware,
  type DocumentContext,
} from '../../../../lib/documents/documentMiddleware';

type RelationAttribute = { type: 'relation'; relation: string; target: string };

const asValue = (attribute: RelationAttribute, ids: string[]) => (attribute.relation.endsWith('ToOne') ? (ids[0] ?? null) : ids);
type Row = Record<string, unknown> & { documentId: string; locale: string };

/**
 * Strapi 5 stores relations per locale; for Passerelle, who a release is about (editions, partners,
 * press contacts) is a fact, not a translation. After a write to one locale's draft, the same links
 * are set on the other locales' drafts; a locale added later starts with the links of the others.
 * A linked document missing in a locale is left out there rather than failing the write.
 */
const relationFields = (context: DocumentContext): Array<[string, RelationAttribute]> =>
  Object.entries(context.contentType.attributes).filter(
    (entry): entry is [string, RelationAttribute] =>
      entry[1].type === 'relation' &&
      typeof entry[1].target === 'string' &&
      !String(entry[1].relation).startsWith('morph') &&
      !('mappedBy' in entry[1])
  );

const inProgress = new Set<string>();

const draftsOf = async (strapi: Core.Strapi, uid: UID.ContentType, documentId: string, fields: string[]) =>
  (await strapi.db.query(uid).findMany({
    where: { documentId, publishedAt: null },
    select: ['documentId', 'locale'],
    populate: Object.fromEntries(fields.map((field) => [field, { select: ['documentId'] }])),
  })) as Row[];

const linkedIds = (row: Row, field: string): string[] => {
  const value = row[field] as Array<{ documentId: string }> | { documentId: string } | null | undefined;
  if (!value) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => item.documentId);
};

const existingInLocale = async (strapi: Core.Strapi, target: string, documentIds: string[], locale: string) => {
  if (documentIds.length === 0) return new Set<string>();
  const rows = (await strapi.db.query(target).findMany({
    where: { documentId: { $in: documentIds }, locale, publishedAt: null },
    select: ['documentId'],
  })) as Array<{ documentId: string }>;
  return new Set(rows.map((row) => row.documentId));
};

export const shareRelationsAcrossLocales =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!isApiContentType(context.uid) || !isWriteAction(context.action) || typeof context.params.locale !== 'string') return next();
    const fields = relationFields(context);
    if (fields.length === 0) return next();
    const locale = context.params.locale;

    const documentIdBefore = context.params.documentId;
    const key = `${context.uid}:${documentIdBefore ?? ''}`;
    if (documentIdBefore && inProgress.has(key)) return next();

    const existedBefore = documentIdBefore
      ? Boolean(
          await strapi.db.query(context.uid).findOne({
            where: {
              documentId: documentIdBefore,
              locale,
              publishedAt: null,
            },
            select: ['id'],
          })
        )
      : false;

    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = documentIdOf(context, result);
      if (!documentId) return result;

      const sent = fields.filter(([field]) => context.params.data && field in context.params.data);
      const drafts = await draftsOf(
        strapi,
        context.uid,
        documentId,
        fields.map(([field]) => field)
      );
      const written = drafts.find((row) => row.locale === locale);
      const others = drafts.filter((row) => row.locale !== locale);
      if (!written || others.length === 0) return result;

      const lockKey = `${context.uid}:${documentId}`;
      inProgress.add(lockKey);
      try {
        // A new locale with no links of its own takes them from a sibling.
        if (!existedBefore) {
          const missing = fields.filter(([field]) => !sent.some(([f]) => f === field) && linkedIds(written, field).length === 0);
          const data: Record<string, unknown> = {};
          for (const [field, attribute] of missing) {
            const ids = linkedIds(others[0], field);
            const present = await existingInLocale(strapi, attribute.target, ids, locale);
            if (present.size > 0)
              data[field] = asValue(
                attribute,
                ids.filter((id) => present.has(id))
              );
          }
          if (Object.keys(data).length > 0) await strapi.documents(context.uid).update({ documentId, locale, data } as never);
        }
        // Links sent for one locale are set on the others.
        for (const other of others) {
          const data: Record<string, unknown> = {};
          for (const [field, attribute] of sent) {
            const ids = linkedIds(written, field);
            const present = await existingInLocale(strapi, attribute.target, ids, other.locale);
            const wanted = ids.filter((id) => present.has(id));
            const current = linkedIds(other, field);
            if (wanted.join() !== current.join()) data[field] = asValue(attribute, wanted);
          }
          if (Object.keys(data).length > 0) await strapi.documents(context.uid).update({ documentId, locale: other.locale, data } as never);
        }
      } finally {
        inProgress.delete(lockKey);
      }
      return result;
    });
  };
