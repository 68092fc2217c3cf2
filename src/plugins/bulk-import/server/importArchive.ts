import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { archiveFormat, type ArchiveEntry } from './archiveFormat';
import { inWriteBatch } from '../../../lib/documents/writeBatch';
import { refreshPlannerStatistics } from '../../../lib/database/plannerStatistics';

export type ImportReport = { documents: number; published: number; translations: number };

type Attribute = { type: string; relation?: string; target?: string };
type WrittenEntry = { documentId: string; slug?: string | null };
type DocumentWrites = {
  create(params: { locale: string; data: never }): Promise<WrittenEntry>;
  update(params: { documentId: string; locale: string; data: never }): Promise<WrittenEntry | null>;
  publish(params: { documentId: string; locale: string }): Promise<unknown>;
};
type ErrorDetail = { path: string[]; message: string; name: 'ValidationError' };

/** Attributes Strapi manages itself: an archive cannot set them. */
const SYSTEM_FIELDS = new Set([
  'id',
  'documentId',
  'locale',
  'localizations',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
]);

const describeEntry = (index: number, entry: Partial<ArchiveEntry> | undefined) =>
  `documents[${index}]${entry?.type ? ` (${entry.type}, ${entry.locale ?? '?'}${entry.slug ? `, slug "${entry.slug}"` : ''})` : ''}`;

/** Errors already stated for their entry, passed on as they are. */
const stated = new WeakSet();

/** Strapi's 400 error shape, each path starting at the entry (`documents.3.fields.title`). */
const importError = (index: number, entry: Partial<ArchiveEntry> | undefined, details: Array<{ path: string[]; message: string }>) => {
  const where = describeEntry(index, entry);
  const message = details.map((detail) => `${where}: ${detail.path.join('.') || '(entry)'}: ${detail.message}`).join('; ');
  const error = new errors.ValidationError(message, {
    errors: details.map((detail): ErrorDetail => ({
      path: ['documents', String(index), ...detail.path],
      message: detail.message,
      name: 'ValidationError',
    })),
  });
  stated.add(error);
  return error;
};

/** A write rule's error (Strapi's schema checks, the editorial rules, slug uniqueness) restated for its entry. */
const restate = (index: number, entry: ArchiveEntry, error: unknown, under: string[]) => {
  if (error instanceof Error && stated.has(error)) return error;
  if (error instanceof errors.ValidationError) {
    const { message } = error as Error;
    const found = (error.details as { errors?: Array<{ path?: string[]; message?: string }> } | undefined)?.errors ?? [];
    const details = found.length
      ? found.map((detail) => ({ path: [...under, ...(detail.path ?? []).map(String)], message: detail.message ?? message }))
      : [{ path: under, message }];
    return importError(index, entry, details);
  }
  if (error instanceof errors.ApplicationError) return importError(index, entry, [{ path: under, message: (error as Error).message }]);
  return error;
};

const archiveKey = (type: string, locale: string, slug: string) => `${type}|${locale}|${slug}`;

/** Checks every entry against its type before anything is written: unknown type, locale, field or relation. */
const checkEntries = async (strapi: Core.Strapi, documents: ArchiveEntry[]) => {
  const locales = new Set(
    ((await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>).map((locale) => locale.code)
  );
  documents.forEach((entry, index) => {
    const contentType = strapi.contentType(entry.type as UID.ContentType) as
      { kind: string; attributes: Record<string, Attribute> } | undefined;
    if (!contentType || contentType.kind !== 'collectionType')
      throw importError(index, entry, [{ path: ['type'], message: `"${entry.type}" is not a collection type of this site` }]);
    if (!locales.has(entry.locale))
      throw importError(index, entry, [{ path: ['locale'], message: `"${entry.locale}" is not a locale of this site` }]);
    for (const field of Object.keys(entry.fields)) {
      const attribute = contentType.attributes[field];
      if (!attribute || SYSTEM_FIELDS.has(field))
        throw importError(index, entry, [{ path: ['fields', field], message: `${entry.type} has no field "${field}" an archive can set` }]);
      if (attribute.type === 'relation')
        throw importError(index, entry, [
          { path: ['fields', field], message: `"${field}" is a relation: list the linked slugs under "relations"` },
        ]);
    }
    for (const field of Object.keys(entry.relations)) {
      const attribute = contentType.attributes[field];
      if (attribute?.type !== 'relation' || !attribute.target || attribute.relation?.startsWith('morph'))
        throw importError(index, entry, [{ path: ['relations', field], message: `${entry.type} has no relation "${field}"` }]);
      if (!(strapi.contentType(attribute.target as UID.ContentType) as { attributes: Record<string, Attribute> }).attributes.slug)
        throw importError(index, entry, [{ path: ['relations', field], message: `${attribute.target} has no slug to link by` }]);
    }
  });
};

/**
 * Imports an archive (src/plugins/bulk-import/README.md) in ONE database transaction. Each document is
 * written through the Document Service, so every rule that guards a write runs as for an editor's
 * (Strapi's schema checks, slug rules and uniqueness, the editorial rules, alt text on publish, the
 * visibility fields, the search index, the content version that drops cached answers, translation
 * status). The transaction spares a commit per write; as one batch of writes, the read model computes
 * the public answers of what was written once, at the end, a page at a time. Any failure rolls
 * everything back and is reported as a ValidationError naming the entry and the field.
 */
export const importArchive = async (strapi: Core.Strapi, input: unknown): Promise<ImportReport> => {
  const parsed = archiveFormat.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [, index, ...path] = issue.path.map(String);
    const raw = (input as { documents?: Array<Partial<ArchiveEntry>> })?.documents?.[Number(index)];
    if (issue.path[0] !== 'documents' || index === undefined)
      throw new errors.ValidationError(`archive: ${issue.path.join('.') || '(root)'}: ${issue.message}`, {
        errors: [{ path: issue.path.map(String), message: issue.message, name: 'ValidationError' }],
      });
    throw importError(Number(index), raw, [{ path, message: issue.message }]);
  }
  const { documents } = parsed.data;
  await checkEntries(strapi, documents);

  const report: ImportReport = { documents: 0, published: 0, translations: 0 };
  const imported = new Map<string, string>();

  /** The document id of a slug: an entry imported earlier in this archive, else a stored document. */
  const documentIdOf = async (type: string, locale: string, slug: string): Promise<string | undefined> => {
    const fromArchive = imported.get(archiveKey(type, locale, slug));
    if (fromArchive) return fromArchive;
    const row = (await strapi.db.query(type).findOne({ where: { slug, locale }, select: ['documentId'] })) as {
      documentId: string;
    } | null;
    return row?.documentId;
  };

  await inWriteBatch(strapi, async () => {
    for (const [index, entry] of documents.entries()) {
      const uid = entry.type as UID.ContentType;
      const attributes = (strapi.contentType(uid) as { attributes: Record<string, Attribute> }).attributes;
      const data: Record<string, unknown> = { ...entry.fields };
      if (entry.slug !== undefined) data.slug = entry.slug;
      for (const [field, slugs] of Object.entries(entry.relations)) {
        const target = attributes[field].target as string;
        const ids: string[] = [];
        for (const slug of Array.isArray(slugs) ? slugs : [slugs]) {
          const documentId = await documentIdOf(target, entry.locale, slug);
          if (!documentId)
            throw importError(index, entry, [
              { path: ['relations', field], message: `no ${target} with slug "${slug}" in ${entry.locale}` },
            ]);
          ids.push(documentId);
        }
        data[field] = attributes[field].relation?.endsWith('ToOne') ? (ids[0] ?? null) : ids;
      }

      // Typed for any type of the site: Strapi's types only offer publish() on a type known at compile time.
      const service = strapi.documents(uid) as unknown as DocumentWrites;
      let documentId: string;
      let written: WrittenEntry | null;
      try {
        if (entry.translationOf) {
          const source = await documentIdOf(entry.type, entry.translationOf.locale, entry.translationOf.slug);
          if (!source)
            throw importError(index, entry, [
              {
                path: ['translationOf'],
                message: `no ${entry.type} with slug "${entry.translationOf.slug}" in ${entry.translationOf.locale}`,
              },
            ]);
          // update() with a new locale creates that locale's draft (Strapi 5.54 Document Service).
          written = await service.update({ documentId: source, locale: entry.locale, data: data as never });
          documentId = source;
          report.translations += 1;
        } else {
          written = await service.create({ locale: entry.locale, data: data as never });
          documentId = written.documentId;
        }
      } catch (error) {
        throw restate(index, entry, error, ['fields']);
      }
      try {
        if (entry.status === 'published') {
          await service.publish({ documentId, locale: entry.locale });
          report.published += 1;
        }
      } catch (error) {
        throw restate(index, entry, error, ['fields']);
      }
      // The slug the write stored (given, or made from the title by the slug rule), as the written entry holds it.
      if (written?.slug) imported.set(archiveKey(entry.type, entry.locale, written.slug), documentId);
      report.documents += 1;
    }
  });
  // The tables may have grown many times over: the next reads (and the read model's and translation
  // records' catching up) are planned with their new sizes.
  await refreshPlannerStatistics(strapi);
  return report;
};
