import type { Core } from '@strapi/strapi';
import { RECORD_UID } from '../content-types';
import { contentPopulate, localizedFingerprint, changedFields, type Fingerprint } from '../utils/localizedFingerprint';
import { translationState } from '../utils/translationState';
import type { DocumentTranslation } from '../../shared/translationStatus';
import type settingsService from './settings';
import { anyOf } from '../../../../lib/database/anyOf';

export type { DocumentTranslation };

export const OUTDATED_EVENT = 'translation.outdated';

type Settings = ReturnType<typeof settingsService>;
type Row = Record<string, unknown> & { documentId: string; locale: string; publishedAt: string | null; createdAt: string };

export type TranslationRecord = {
  id: number;
  subjectUid: string;
  subjectDocumentId: string;
  subjectLocale: string;
  contentHash: string | null;
  fieldHashes: Record<string, string> | null;
  basedOnSourceHash: string | null;
  basedOnFieldHashes: Record<string, string> | null;
  contentChangedAt: string | null;
  outdatedSince: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
};

export type LocaleVersionRead = { latest: Row; exists: true; published: boolean; createdAt: string };

/** The writes observing one document makes, and the translations it finds outdated. */
type Observation = {
  created: Array<Partial<TranslationRecord>>;
  updated: Array<{ id: number; data: Partial<TranslationRecord> }>;
  deleted: number[];
  outdated: Array<{ uid: string; documentId: string; locale: string; source: string; fields: string[] }>;
};

/** Records by document, then by locale. */
const recordsByDocument = (records: TranslationRecord[]): Map<string, Map<string, TranslationRecord>> => {
  const byDocument = new Map<string, Map<string, TranslationRecord>>();
  for (const record of records)
    byDocument.set(
      record.subjectDocumentId,
      (byDocument.get(record.subjectDocumentId) ?? new Map<string, TranslationRecord>()).set(record.subjectLocale, record)
    );
  return byDocument;
};

/** New records per INSERT: within every database's limit on bound values (about ten columns each). */
const RECORDS_PER_INSERT = 200;

/** Documents whose versions and records `observeMany` reads in one statement each (their rows with components: a few hundred). */
const DOCUMENTS_PER_READ = 100;

/**
 * Keeps, for each followed document and locale, the hash of that locale's localized content and the
 * hash of the source it was written against. The state of a translation is read from these.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => strapi.plugin('translation-status').service<Settings>('settings');
  const records = () => strapi.db.query(RECORD_UID);

  const fingerprintOf = (uid: string, entry: Row): Fingerprint => {
    const s = settings();
    return localizedFingerprint(s.followedContentType(uid), entry, s.component, s.ignoredFields(uid));
  };

  /** Each document's locales, from its rows: every locale's latest version (the draft where there is one: it holds the newest text). */
  const versionsByDocument = (uid: string, rows: Row[]): Map<string, Map<string, LocaleVersionRead>> => {
    const draftAndPublish = settings().hasDraftAndPublish(uid);
    const byDocument = new Map<string, Map<string, LocaleVersionRead>>();
    for (const row of rows) {
      const versions = byDocument.get(row.documentId) ?? new Map<string, LocaleVersionRead>();
      const known = versions.get(row.locale);
      const published = !draftAndPublish || row.publishedAt !== null || Boolean(known?.published);
      const isDraft = row.publishedAt === null;
      const latest = known && !isDraft ? known.latest : row;
      const createdAt = known && known.createdAt < row.createdAt ? known.createdAt : row.createdAt;
      versions.set(row.locale, { latest, exists: true, published, createdAt });
      byDocument.set(row.documentId, versions);
    }
    return byDocument;
  };

  const readVersionsOfMany = async (uid: string, documentIds: string[]): Promise<Map<string, Map<string, LocaleVersionRead>>> => {
    const s = settings();
    const rows = (await strapi.db.query(uid).findMany({
      where: { documentId: anyOf(documentIds) },
      populate: contentPopulate(s.followedContentType(uid), s.component),
    })) as Row[];
    return versionsByDocument(uid, rows);
  };

  const readVersions = async (uid: string, documentId: string): Promise<Map<string, LocaleVersionRead>> =>
    (await readVersionsOfMany(uid, [documentId])).get(documentId) ?? new Map<string, LocaleVersionRead>();

  const recordsOfMany = async (uid: string, documentIds: string[]): Promise<Map<string, Map<string, TranslationRecord>>> => {
    const found = (await records().findMany({
      where: { subjectUid: uid, subjectDocumentId: anyOf(documentIds) },
    })) as TranslationRecord[];
    return recordsByDocument(found);
  };

  const recordsOf = async (uid: string, documentId: string) =>
    (await recordsOfMany(uid, [documentId])).get(documentId) ?? new Map<string, TranslationRecord>();

  // Writes of one document are observed one after the other, so two saves never race on its records; a
  // batch of documents (the backfill) waits for each one's queue, and each one's next waits for it.
  const queues = new Map<string, Promise<unknown>>();
  const serializedAll = <T>(keys: string[], task: () => Promise<T>): Promise<T> => {
    const run = Promise.all(keys.map((key) => queues.get(key) ?? Promise.resolve())).then(task, task);
    const settled = run.catch(() => undefined);
    for (const key of keys) {
      queues.set(key, settled);
      void settled.then(() => queues.get(key) === settled && queues.delete(key));
    }
    return run;
  };
  const serialized = <T>(key: string, task: () => Promise<T>): Promise<T> => serializedAll([key], task);

  const announceOutdated = (uid: string, documentId: string, locale: string, source: string, fields: string[], since: string) => {
    // Webhooks are delivered after the write; a failed delivery is logged and never fails the write.
    strapi.eventHub
      .emit(OUTDATED_EVENT, { uid, documentId, locale, source, changedFields: fields, outdatedSince: since })
      .catch((error: unknown) => {
        strapi.log.error(`[translation-status] ${OUTDATED_EVENT} ${uid} ${documentId} ${locale}: ${String(error)}`);
      });
  };

  /**
   * What observing a document writes, from its versions and the records it has: the hashes of each
   * locale's content that changed, the translations the source moved away from (outdated, once), and
   * the records of locales gone. Pure: the writes of many documents are then made together.
   */
  const observation = (
    uid: string,
    documentId: string,
    source: string,
    versions: Map<string, LocaleVersionRead>,
    known: Map<string, TranslationRecord>,
    now: string
  ): Observation => {
    const found: Observation = { created: [], updated: [], deleted: [], outdated: [] };
    const write = (locale: string, existing: TranslationRecord | undefined, data: Partial<TranslationRecord>) => {
      if (existing) found.updated.push({ id: existing.id, data });
      else found.created.push({ subjectUid: uid, subjectDocumentId: documentId, subjectLocale: locale, ...data });
    };

    let sourceRecord = known.get(source);
    const sourceVersion = versions.get(source);
    if (sourceVersion) {
      const print = fingerprintOf(uid, sourceVersion.latest);
      if (!sourceRecord || sourceRecord.contentHash !== print.hash) {
        const data = { contentHash: print.hash, fieldHashes: print.fieldHashes, contentChangedAt: now };
        write(source, sourceRecord, data);
        sourceRecord = { ...(sourceRecord ?? ({} as TranslationRecord)), ...data };
      }
    }

    for (const [locale, version] of versions) {
      if (locale === source) continue;
      const record = known.get(locale);
      const print = fingerprintOf(uid, version.latest);
      if (!record || record.contentHash !== print.hash) {
        // The translation's own text changed: it was written against the source as it is now.
        write(locale, record, {
          contentHash: print.hash,
          fieldHashes: print.fieldHashes,
          basedOnSourceHash: sourceRecord?.contentHash ?? null,
          basedOnFieldHashes: sourceRecord?.fieldHashes ?? null,
          contentChangedAt: now,
          outdatedSince: null,
        });
      } else if (sourceRecord?.contentHash && record.basedOnSourceHash !== sourceRecord.contentHash && !record.outdatedSince) {
        // The source moved away from what this translation says: it falls behind now, once.
        found.updated.push({ id: record.id, data: { outdatedSince: now } });
        found.outdated.push({
          uid,
          documentId,
          locale,
          source,
          fields: changedFields(record.basedOnFieldHashes, sourceRecord.fieldHashes ?? {}),
        });
      }
    }

    found.deleted = [...known].filter(([locale]) => !versions.has(locale)).map(([, record]) => record.id);
    return found;
  };

  /** Records what was observed. `createMany`, `updateMany` and `deleteMany` are one statement each (no read around the write). */
  const recordObservations = async (observations: Observation[], now: string): Promise<void> => {
    const created = observations.flatMap((one) => one.created);
    for (let start = 0; start < created.length; start += RECORDS_PER_INSERT)
      await records().createMany({ data: created.slice(start, start + RECORDS_PER_INSERT) });
    for (const { id, data } of observations.flatMap((one) => one.updated)) await records().updateMany({ where: { id }, data });
    const deleted = observations.flatMap((one) => one.deleted);
    if (deleted.length > 0) await records().deleteMany({ where: { id: { $in: deleted } } });
    for (const { uid, documentId, locale, source, fields } of observations.flatMap((one) => one.outdated))
      announceOutdated(uid, documentId, locale, source, fields, now);
  };

  /** `isNew`: the document was just created, so it has no records yet (one statement fewer). */
  const observeNow = async (uid: string, documentId: string, isNew = false): Promise<void> => {
    const source = await settings().sourceLocale();
    const versions = await readVersions(uid, documentId);
    const known = isNew ? new Map<string, TranslationRecord>() : await recordsOf(uid, documentId);
    const now = new Date().toISOString();
    await recordObservations([observation(uid, documentId, source, versions, known, now)], now);
  };

  const observe = (uid: string, documentId: string, { isNew = false }: { isNew?: boolean } = {}) =>
    serialized(`${uid}:${documentId}`, () => observeNow(uid, documentId, isNew));

  /** One chunk of `observeMany`: one read of their versions, one of their records, their new records in a few statements. */
  const observeChunk = (uid: string, documentIds: string[]) =>
    serializedAll(
      documentIds.map((documentId) => `${uid}:${documentId}`),
      async () => {
        const source = await settings().sourceLocale();
        const versions = await readVersionsOfMany(uid, documentIds);
        const known = await recordsOfMany(uid, documentIds);
        const now = new Date().toISOString();
        await recordObservations(
          documentIds.map((documentId) =>
            observation(
              uid,
              documentId,
              source,
              versions.get(documentId) ?? new Map<string, LocaleVersionRead>(),
              known.get(documentId) ?? new Map<string, TranslationRecord>(),
              now
            )
          ),
          now
        );
      }
    );

  /** `observe` for any number of documents of one type, DOCUMENTS_PER_READ at a time. */
  const observeMany = async (uid: string, documentIds: string[]): Promise<void> => {
    for (let start = 0; start < documentIds.length; start += DOCUMENTS_PER_READ)
      await observeChunk(uid, documentIds.slice(start, start + DOCUMENTS_PER_READ));
  };

  const describe = (
    uid: string,
    documentId: string,
    locale: string,
    source: string,
    versions: Map<string, { exists: boolean; published: boolean; createdAt?: string }>,
    known: Map<string, TranslationRecord>
  ): DocumentTranslation => {
    const sourceRecord = known.get(source);
    const record = known.get(locale);
    const absent = { exists: false, published: false };
    const state = translationState({
      source: versions.get(source) ?? absent,
      target: versions.get(locale) ?? absent,
      currentSourceHash: sourceRecord?.contentHash,
      basedOnSourceHash: record?.basedOnSourceHash,
    });
    const since =
      state === 'missing'
        ? (versions.get(source)?.createdAt ?? null)
        : state === 'outdated'
          ? (record?.outdatedSince ?? sourceRecord?.contentChangedAt ?? null)
          : null;
    return {
      contentType: uid,
      documentId,
      locale,
      source,
      state,
      sourceUpdatedAt: sourceRecord?.contentChangedAt ?? null,
      since: since ? new Date(since).toISOString() : null,
      changedFields: state === 'outdated' ? changedFields(record?.basedOnFieldHashes, sourceRecord?.fieldHashes ?? {}) : [],
      confirmedAt: record?.confirmedAt ?? null,
    };
  };

  return {
    observe,
    observeMany,
    readVersions,

    /** The state of one locale of one document, read fresh. */
    async stateOf(uid: string, documentId: string, locale: string): Promise<DocumentTranslation> {
      const source = await settings().sourceLocale();
      return describe(uid, documentId, locale, source, await readVersions(uid, documentId), await recordsOf(uid, documentId));
    },

    /** Staff say the translation still holds: it is now based on the source as it is. */
    async markCurrent(
      uid: string,
      documentId: string,
      locale: string,
      by: string | null
    ): Promise<DocumentTranslation | 'missing' | 'source'> {
      const source = await settings().sourceLocale();
      if (locale === source) return 'source';
      return serialized(`${uid}:${documentId}`, async () => {
        await observeNow(uid, documentId);
        const known = await recordsOf(uid, documentId);
        const record = known.get(locale);
        const sourceRecord = known.get(source);
        if (!record || !sourceRecord) return 'missing' as const;
        const now = new Date().toISOString();
        await records().updateMany({
          where: { id: record.id },
          data: {
            basedOnSourceHash: sourceRecord.contentHash,
            basedOnFieldHashes: sourceRecord.fieldHashes,
            outdatedSince: null,
            confirmedAt: now,
            confirmedBy: by,
          },
        });
        return describe(uid, documentId, locale, source, await readVersions(uid, documentId), await recordsOf(uid, documentId));
      });
    },

    /** Missing and outdated translations into `locale`, over every followed type, oldest first. */
    async listBehind(locale: string, onlyType?: string): Promise<DocumentTranslation[]> {
      const s = settings();
      const source = await s.sourceLocale();
      if (locale === source) return [];
      const found: DocumentTranslation[] = [];
      for (const uid of s.followedTypes()) {
        if (onlyType && uid !== onlyType) continue;
        const rows = (await strapi.db.query(uid).findMany({
          where: { locale: { $in: [source, locale] } },
          select: ['documentId', 'locale', 'publishedAt', 'createdAt'],
        })) as Row[];
        const draftAndPublish = s.hasDraftAndPublish(uid);
        const byDocument = new Map<string, Map<string, { exists: boolean; published: boolean; createdAt: string }>>();
        for (const row of rows) {
          const versions = byDocument.get(row.documentId) ?? new Map<string, { exists: boolean; published: boolean; createdAt: string }>();
          const known = versions.get(row.locale);
          versions.set(row.locale, {
            exists: true,
            published: !draftAndPublish || row.publishedAt !== null || Boolean(known?.published),
            createdAt: known && known.createdAt < row.createdAt ? known.createdAt : row.createdAt,
          });
          byDocument.set(row.documentId, versions);
        }
        const all = (await records().findMany({
          where: { subjectUid: uid, subjectLocale: { $in: [source, locale] } },
        })) as TranslationRecord[];
        const byRecord = recordsByDocument(all);
        for (const [documentId, versions] of byDocument) {
          // Nothing to translate before the source exists, and nothing is missing before it is published.
          if (!versions.get(source)) continue;
          const item = describe(
            uid,
            documentId,
            locale,
            source,
            versions,
            byRecord.get(documentId) ?? new Map<string, TranslationRecord>()
          );
          if (item.state === 'outdated' || (item.state === 'missing' && versions.get(source)?.published)) found.push(item);
        }
      }
      return found.sort((a, b) => (a.since ?? '').localeCompare(b.since ?? '') || a.documentId.localeCompare(b.documentId));
    },
  };
};
