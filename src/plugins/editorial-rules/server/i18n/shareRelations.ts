import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, UID } from '@strapi/strapi';
import { documentIdOf, type DocumentMiddleware, type DocumentContext } from '../../../../lib/documents/documentMiddleware';
import { matchesType, type EditorialRulesSettings } from '../settings';
import { lockDraftsOf } from '../strapiInternals';

/**
 * Strapi 5 stores relations per locale; for Passerelle, who a release is about (editions, partners,
 * press contacts) is a fact, not a translation. After a write to one locale's draft, the same links
 * are set on the other locales' drafts; a locale added later starts with the links of the others.
 * A linked document missing in a locale is left out there rather than failing the write.
 */

type RelationAttribute = { type: 'relation'; relation: string; target: string };
type RelationField = [name: string, attribute: RelationAttribute];
type Row = Record<string, unknown> & { documentId: string; locale: string };
type Data = Record<string, unknown>;

/**
 * The documents whose links this call is copying right now. The copies are Document Service writes
 * themselves, which pass through this middleware again and must not copy back; the mark lives in
 * the call's own async context, so a concurrent request writing the same document still shares its
 * links (a process-wide set made it skip them).
 */
const copyingLinksOf = new AsyncLocalStorage<ReadonlySet<string>>();
const documentKey = (uid: string, documentId: string) => `${uid}:${documentId}`;
const isCopyingLinksOf = (uid: string, documentId: string | undefined): boolean =>
  documentId !== undefined && (copyingLinksOf.getStore()?.has(documentKey(uid, documentId)) ?? false);
const whileCopyingLinksOf = <T>(uid: string, documentId: string, copy: () => Promise<T>): Promise<T> =>
  copyingLinksOf.run(new Set([...(copyingLinksOf.getStore() ?? []), documentKey(uid, documentId)]), copy);

/** The owning relation fields of a type (not morphs, not the inverse side of another type's relation). */
const relationFields = (context: DocumentContext): RelationField[] =>
  Object.entries(context.contentType.attributes).filter(
    (entry): entry is RelationField =>
      entry[1].type === 'relation' &&
      typeof entry[1].target === 'string' &&
      !String(entry[1].relation).startsWith('morph') &&
      !('mappedBy' in entry[1])
  );

const asValue = (attribute: RelationAttribute, ids: string[]) => (attribute.relation.endsWith('ToOne') ? (ids[0] ?? null) : ids);

const draftExists = async (strapi: Core.Strapi, uid: UID.ContentType, documentId: string | undefined, locale: string) =>
  documentId ? Boolean(await strapi.db.query(uid).findOne({ where: { documentId, locale, publishedAt: null }, select: ['id'] })) : false;

const hasDraftInOtherLocale = async (strapi: Core.Strapi, uid: UID.ContentType, documentId: string, locale: string) =>
  Boolean(await strapi.db.query(uid).findOne({ where: { documentId, publishedAt: null, locale: { $ne: locale } }, select: ['id'] }));

const draftsOf = async (strapi: Core.Strapi, uid: UID.ContentType, documentId: string, fields: RelationField[]) =>
  (await strapi.db.query(uid).findMany({
    where: { documentId, publishedAt: null },
    select: ['documentId', 'locale'],
    populate: Object.fromEntries(fields.map(([field]) => [field, { select: ['documentId'] }])),
  })) as Row[];

const linkedIds = (row: Row, field: string): string[] => {
  const value = row[field] as Array<{ documentId: string }> | { documentId: string } | null | undefined;
  if (!value) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => item.documentId);
};

/** Of `documentIds`, those of `target` that have a draft in `locale`: only they can be linked there. */
const existingInLocale = async (strapi: Core.Strapi, target: string, documentIds: string[], locale: string) => {
  if (documentIds.length === 0) return new Set<string>();
  const rows = (await strapi.db.query(target).findMany({
    where: { documentId: { $in: documentIds }, locale, publishedAt: null },
    select: ['documentId'],
  })) as Array<{ documentId: string }>;
  return new Set(rows.map((row) => row.documentId));
};

const linkableIn = async (strapi: Core.Strapi, attribute: RelationAttribute, ids: string[], locale: string) => {
  const present = await existingInLocale(strapi, attribute.target, ids, locale);
  return ids.filter((id) => present.has(id));
};

/** A new locale with no links of its own takes, for each field not sent, those of a sibling. */
const linksForNewLocale = async (strapi: Core.Strapi, fields: RelationField[], written: Row, sibling: Row): Promise<Data> => {
  const data: Data = {};
  for (const [field, attribute] of fields) {
    if (linkedIds(written, field).length > 0) continue;
    const ids = await linkableIn(strapi, attribute, linkedIds(sibling, field), written.locale);
    if (ids.length > 0) data[field] = asValue(attribute, ids);
  }
  return data;
};

/** The links sent for the written locale, as another locale should hold them, where they differ. */
const linksForOtherLocale = async (strapi: Core.Strapi, sent: RelationField[], written: Row, other: Row): Promise<Data> => {
  const data: Data = {};
  for (const [field, attribute] of sent) {
    const wanted = await linkableIn(strapi, attribute, linkedIds(written, field), other.locale);
    if (wanted.join() !== linkedIds(other, field).join()) data[field] = asValue(attribute, wanted);
  }
  return data;
};

const updateDraft = async (strapi: Core.Strapi, uid: UID.ContentType, documentId: string, locale: string, data: Data) => {
  if (Object.keys(data).length > 0) await strapi.documents(uid).update({ documentId, locale, data } as never);
};

export const shareRelationsAcrossLocales =
  (strapi: Core.Strapi, { contentTypes }: EditorialRulesSettings['sharedRelations']): DocumentMiddleware =>
  async (context, next) => {
    const { uid, params } = context;
    // `create` always makes a new document (Strapi 5.54.0 ignores a documentId given to it): it has one
    // locale, so nothing to share yet and no sibling to take links from.
    if (!matchesType(contentTypes, uid) || context.action !== 'update' || typeof params.locale !== 'string') return next();
    const fields = relationFields(context);
    if (fields.length === 0 || isCopyingLinksOf(uid, params.documentId)) return next();
    const locale = params.locale;
    const existedBefore = await draftExists(strapi, uid, params.documentId, locale);

    return strapi.db.transaction(async () => {
      // Two requests writing two locales of one document would each lock its own row, then wait for
      // the other's to copy links there: PostgreSQL breaks that deadlock with a 500. Taking the
      // document's drafts first makes the second writer wait its turn.
      if (params.documentId) await lockDraftsOf(strapi, uid, params.documentId);
      const result = await next();
      const documentId = documentIdOf(context, result);
      if (!documentId) return result;

      // A document in one locale has nothing to share: a one-column read says so before the links are read.
      if (!(await hasDraftInOtherLocale(strapi, uid, documentId, locale))) return result;
      const drafts = await draftsOf(strapi, uid, documentId, fields);
      const written = drafts.find((row) => row.locale === locale);
      const others = drafts.filter((row) => row.locale !== locale);
      if (!written || others.length === 0) return result;
      const sent = fields.filter(([field]) => params.data && field in params.data);

      await whileCopyingLinksOf(uid, documentId, async () => {
        if (!existedBefore) {
          const notSent = fields.filter(([field]) => !sent.some(([name]) => name === field));
          await updateDraft(strapi, uid, documentId, locale, await linksForNewLocale(strapi, notSent, written, others[0]));
        }
        for (const other of others) {
          await updateDraft(strapi, uid, documentId, other.locale, await linksForOtherLocale(strapi, sent, written, other));
        }
      });
      return result;
    });
  };
