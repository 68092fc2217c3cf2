import type { Core } from '@strapi/strapi';
import { attributesOf } from '../../../lib/schema/modelAttributes';
import { computeRows, defaultPopulateOf, entryFields, type PublishedEntry, type Target } from './computeRow';
import { readModelSettings } from './settings';
import { inTransaction, table, type Connection } from './strapiInternals';
import { REFERENCES_TABLE, ROWS_TABLE, takeRefreshTurn } from './tables';

const isServed = (strapi: Core.Strapi, uid: string) => readModelSettings(strapi).contentTypes.includes(uid);

/** Documents read and refreshed together: a bulk import's thousands stay within the databases' limits on bound values. */
const DOCUMENTS_PER_READ = 200;

/** Computes and stores every locale of these documents of one type; removes the rows of locales no longer published. */
const refreshDocumentsOf = async (strapi: Core.Strapi, trx: Connection, uid: string, documentIds: string[]) => {
  const entries = (await strapi.db.query(uid).findMany({
    select: entryFields(strapi, uid),
    where: { documentId: { $in: documentIds }, publishedAt: { $notNull: true } },
  })) as PublishedEntry[];
  const published = new Map<string, string[]>(documentIds.map((documentId) => [documentId, []]));
  for (const entry of entries) published.get(entry.documentId)?.push(entry.locale);
  // One read of what is stored, then a delete only where a locale is no longer published (rare).
  const stored = (await table(strapi, trx, ROWS_TABLE)
    .select('document_id', 'locale')
    .where({ uid })
    .whereIn('document_id', documentIds)) as Array<{
    document_id: string;
    locale: string;
  }>;
  const unpublished = new Set(stored.filter((row) => !published.get(row.document_id)?.includes(row.locale)).map((row) => row.document_id));
  for (const documentId of unpublished) {
    await table(strapi, trx, ROWS_TABLE)
      .where({ uid, document_id: documentId })
      .whereNotIn('locale', published.get(documentId) ?? [])
      .del();
  }
  await table(strapi, trx, REFERENCES_TABLE).where({ uid }).whereIn('document_id', documentIds).del();
  const computed = await computeRows(strapi, uid, entries);
  for (let start = 0; start < computed.length; start += 50) {
    const rows = computed.slice(start, start + 50).map(({ row }) => row);
    await table(strapi, trx, ROWS_TABLE).insert(rows).onConflict(['uid', 'document_id', 'locale']).merge();
  }
  const references = new Set<string>();
  computed.forEach(({ row, references: shown }) => {
    for (const [refUid, ids] of shown) for (const id of ids) references.add(JSON.stringify([row.document_id, refUid, id]));
  });
  const referenceRows = [...references].map((key) => {
    const [documentId, refUid, refId] = JSON.parse(key) as [string, string, string];
    return { uid, document_id: documentId, ref_uid: refUid, ref_id: refId };
  });
  for (let start = 0; start < referenceRows.length; start += 200)
    await table(strapi, trx, REFERENCES_TABLE).insert(referenceRows.slice(start, start + 200));
};

/**
 * Refreshes the rows of these documents (every locale), in the transaction already open (the write's
 * own, so the rows commit with it) or in a new one, after taking the writers' turn.
 */
export const refreshDocuments = async (strapi: Core.Strapi, targets: Target[]): Promise<void> => {
  if (!readModelSettings(strapi).enabled) return;
  const byType = new Map<string, Set<string>>();
  for (const { uid, documentId } of targets) {
    if (isServed(strapi, uid)) byType.set(uid, (byType.get(uid) ?? new Set()).add(documentId));
  }
  if (byType.size === 0) return;
  await inTransaction(strapi, async (trx) => {
    await takeRefreshTurn(strapi, trx);
    for (const [uid, documentIds] of byType) {
      const ids = [...documentIds];
      for (let start = 0; start < ids.length; start += DOCUMENTS_PER_READ)
        await refreshDocumentsOf(strapi, trx, uid, ids.slice(start, start + DOCUMENTS_PER_READ));
    }
  });
};

/** The relation paths of a populate tree (through components and relations) that lead to `targetUid`. */
const pathsTo = (strapi: Core.Strapi, uid: string, populate: unknown, targetUid: string, depth = 0): string[][] => {
  if (!populate || typeof populate !== 'object' || depth > 6) return [];
  const paths: string[][] = [];
  for (const [name, value] of Object.entries(populate as Record<string, unknown>)) {
    const attribute = attributesOf(strapi, uid)[name];
    if (!attribute || value === false) continue;
    const nested = typeof value === 'object' && value !== null ? (value as { populate?: unknown }).populate : undefined;
    if (attribute.type === 'relation' && attribute.target && !attribute.relation?.startsWith('morph')) {
      if (attribute.target === targetUid) paths.push([name]);
      for (const rest of pathsTo(strapi, attribute.target, nested, targetUid, depth + 1)) paths.push([name, ...rest]);
    } else if (attribute.type === 'component' && attribute.component) {
      for (const rest of pathsTo(strapi, attribute.component, nested, targetUid, depth + 1)) paths.push([name, ...rest]);
    }
  }
  return paths;
};

const nest = (path: string[], leaf: Record<string, unknown>): Record<string, unknown> =>
  path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), leaf);

/**
 * The documents whose rows may show (uid, documentId): those whose stored rows showed it (the
 * reference table; a deleted or unpublished document is found this way), and those that link to it
 * now through their default population (a document published after the link was made).
 */
export const dependantsOf = async (strapi: Core.Strapi, uid: string, documentId: string): Promise<Target[]> => {
  const found: Target[] = [];
  await inTransaction(strapi, async (trx) => {
    const stored = (await table(strapi, trx, REFERENCES_TABLE)
      .distinct('uid', 'document_id')
      .where({ ref_uid: uid, ref_id: documentId })) as Array<{ uid: string; document_id: string }>;
    found.push(...stored.map((row) => ({ uid: row.uid, documentId: row.document_id })));
    if (!uid.startsWith('api::')) return;
    for (const served of readModelSettings(strapi).contentTypes) {
      for (const path of pathsTo(strapi, served, await defaultPopulateOf(strapi, served), uid)) {
        const rows = (await strapi.db.query(served).findMany({
          select: ['documentId'],
          where: nest(path, { documentId }),
        })) as Array<{ documentId: string }>;
        found.push(...rows.map((row) => ({ uid: served, documentId: row.documentId })));
      }
    }
  });
  return found;
};

/** Refreshes the rows of written documents and of those that embed them. */
export const refreshWithDependants = async (strapi: Core.Strapi, written: Target[]): Promise<void> => {
  const targets = [...written];
  for (const { uid, documentId } of written) targets.push(...(await dependantsOf(strapi, uid, documentId)));
  await refreshDocuments(strapi, targets);
};
