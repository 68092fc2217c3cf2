import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { computeRows, configuredBaseUrl, defaultPopulateOf, entryFields, type PublishedEntry } from './computeRow';
import { refreshDocuments } from './refresh';
import { readModelSettings } from './settings';
import { inTransaction, table } from './strapiInternals';
import { builtFor, markBuiltFor, markOutOfDate, readEpoch, ROWS_TABLE, type StoredRow } from './tables';
import { now } from '../../../lib/clock/clock';
import { siteConfig } from '../../../lib/site/siteUrls';
import { refreshPlannerStatistics } from '../../../lib/database/plannerStatistics';
import { yieldToRequests } from '../../../lib/database/yieldToRequests';
import { clearWriteLog } from './writeLog';
import { ROW_FORMAT } from './rowFormat';
import { entryProjectionOf } from '../../../lib/readModel/storedEntries';

/**
 * What the stored answers were computed from, besides content: the configuration, default
 * populations, schemas, site addresses, the public URL and what the stored entries are projected
 * with. A boot with another fingerprint serves nothing from the model until it is rebuilt.
 */
export const fingerprintOf = async (strapi: Core.Strapi): Promise<string> => {
  // How deep pages are read, and which handlers answer before the router, change no stored row: a new
  // value must not make every deployment rebuild.
  const { listCheckpointSpacing: _readOnly, earlyHandlers: _served, ...settings } = readModelSettings(strapi);
  const populations: Record<string, unknown> = {};
  for (const uid of settings.contentTypes) populations[uid] = await defaultPopulateOf(strapi, uid);
  // Sorted by uid: Strapi registers components in the order their files finish loading, which differs
  // from one boot to the next. Attribute order is kept, since it is the order of an answer's fields.
  const schemas = [...Object.entries(strapi.contentTypes), ...Object.entries(strapi.components)]
    .map(([uid, model]) => [uid, (model as { attributes?: unknown }).attributes] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const entries = entryProjectionOf(strapi)?.fingerprint() ?? null;
  const source = JSON.stringify({
    ROW_FORMAT,
    settings,
    populations,
    schemas,
    site: siteConfig(strapi),
    base: configuredBaseUrl(strapi),
    entries,
  });
  return crypto.createHash('sha256').update(source).digest('hex');
};

/** Every published document of the served types, and those the model still holds. */
const documentsToBuild = async (strapi: Core.Strapi, uid: string): Promise<string[]> => {
  const published = (await strapi.db.query(uid).findMany({
    select: ['documentId'],
    where: { publishedAt: { $notNull: true } },
  })) as Array<{ documentId: string }>;
  const stored = (await table(strapi, strapi.db.connection, ROWS_TABLE).distinct('document_id').where({ uid })) as Array<{
    document_id: string;
  }>;
  return [...new Set([...published.map((row) => row.documentId), ...stored.map((row) => row.document_id)])];
};

/**
 * What marks the model out of date: a write around it, the Public role's permissions or the locales
 * changed, or a rebuild is asked for. The notes of writes around it are cleared in the same
 * transaction: the rebuild that follows reads what they wrote.
 */
export const markReadModelOutOfDate = async (strapi: Core.Strapi): Promise<void> => {
  await inTransaction(strapi, async (trx) => {
    await markOutOfDate(strapi, trx);
    await clearWriteLog(strapi, trx);
  });
};

/** Documents a rebuild computes per transaction: writes wait for it between two. */
const DOCUMENTS_PER_TRANSACTION = 50;

/**
 * Computes every row again, a few documents per transaction, then records the fingerprint it was
 * built for, unless the model was marked out of date meanwhile. Writes during a rebuild refresh their
 * own rows as usual, taking turns with it; requests are read between two transactions (and answered
 * by the Document Service path until the model is built).
 */
export const rebuildReadModel = async (strapi: Core.Strapi, shouldStop: () => boolean = () => false): Promise<{ documents: number }> => {
  const fingerprint = await fingerprintOf(strapi);
  const settings = readModelSettings(strapi);
  await refreshPlannerStatistics(strapi);
  await markReadModelOutOfDate(strapi);
  const epoch = await readEpoch(strapi);
  let documents = 0;
  await table(strapi, strapi.db.connection, ROWS_TABLE).whereNotIn('uid', settings.contentTypes).del();
  for (const uid of settings.contentTypes) {
    const documentIds = await documentsToBuild(strapi, uid);
    for (let start = 0; start < documentIds.length; start += DOCUMENTS_PER_TRANSACTION) {
      // The app is stopping (a CLI command ends): the model stays out of date, the next boot rebuilds it.
      if (shouldStop()) return { documents };
      await refreshDocuments(
        strapi,
        documentIds.slice(start, start + DOCUMENTS_PER_TRANSACTION).map((documentId) => ({ uid, documentId }))
      );
      await yieldToRequests();
    }
    documents += documentIds.length;
  }
  // Marked out of date while we built (a permission changed)? Then another rebuild follows; this one does not count.
  await inTransaction(strapi, (trx) => markBuiltFor(strapi, fingerprint, epoch, trx));
  return { documents };
};

export const isBuilt = async (strapi: Core.Strapi, fingerprint: string): Promise<boolean> => (await builtFor(strapi)) === fingerprint;

export type Difference = { uid: string; documentId: string; locale: string; field: string; stored: unknown; expected: unknown };

/** A stored row as read back: PostgreSQL gives its `bigInteger` columns as strings. */
type ReadRow = Omit<StoredRow, BigIntegerColumn> & { [column in BigIntegerColumn]: StoredRow[column] | string };
type BigIntegerColumn =
  'published_at' | 'embargo_until' | 'visible_from' | 'valid_from' | 'valid_until' | 'updated_at' | 'entry_updated_at';

const COMPARED: Array<keyof StoredRow> = [
  'entry_id',
  'slug',
  'kind',
  'published_at',
  'embargo_until',
  'visible_from',
  'media_base_url',
  'data',
  'entry',
  'meta',
  'document_ids',
  'entry_updated_at',
  'valid_from',
  'valid_until',
];

const normalise = (value: unknown) => (value === null || value === undefined ? null : typeof value === 'bigint' ? Number(value) : value);
const same = (a: unknown, b: unknown) => {
  const [x, y] = [normalise(a), normalise(b)];
  return x === y || (x !== null && y !== null && String(x) === String(y));
};

/** Entries whose rows are computed together by the check. */
const CHECKED_PER_BATCH = 200;

/**
 * Compares every stored row with what the Document Service path answers now: a missing row, a row
 * too many, or any field that differs. Rows past their `valid_until` are not served, so they are
 * compared only for their keys.
 */
export const checkReadModel = async (strapi: Core.Strapi): Promise<{ rows: number; differences: Difference[] }> => {
  const differences: Difference[] = [];
  const instant = now().getTime();
  let rows = 0;
  for (const uid of readModelSettings(strapi).contentTypes) {
    const entries = (await strapi.db.query(uid).findMany({
      select: entryFields(strapi, uid),
      where: { publishedAt: { $notNull: true } },
    })) as PublishedEntry[];
    const storedRows = (await table(strapi, strapi.db.connection, ROWS_TABLE).select('*').where({ uid })) as ReadRow[];
    const stored = new Map(storedRows.map((row) => [`${row.document_id}:${row.locale}`, row]));
    const unmatched = new Set(stored.keys());
    const inWindow: PublishedEntry[] = [];
    for (const entry of entries) {
      rows += 1;
      const key = `${entry.documentId}:${entry.locale}`;
      const row = stored.get(key);
      unmatched.delete(key);
      if (!row) {
        differences.push({ uid, documentId: entry.documentId, locale: entry.locale, field: 'row', stored: null, expected: 'a row' });
        continue;
      }
      const outside =
        (row.valid_until !== null && Number(row.valid_until) <= instant) || (row.valid_from !== null && Number(row.valid_from) > instant);
      if (!outside) inWindow.push(entry);
    }
    for (let start = 0; start < inWindow.length; start += CHECKED_PER_BATCH) {
      for (const { row: expected } of await computeRows(strapi, uid, inWindow.slice(start, start + CHECKED_PER_BATCH))) {
        const row = stored.get(`${expected.document_id}:${expected.locale}`) as ReadRow;
        for (const field of COMPARED) {
          if (!same(row[field], expected[field]))
            differences.push({
              uid,
              documentId: expected.document_id,
              locale: expected.locale,
              field,
              stored: row[field],
              expected: expected[field],
            });
        }
      }
    }
    for (const row of [...unmatched].map((key) => stored.get(key) as ReadRow)) {
      differences.push({ uid, documentId: row.document_id, locale: row.locale, field: 'row', stored: 'a row', expected: null });
    }
  }
  return { rows, differences };
};
