import type { Core, UID } from '@strapi/strapi';
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { analyse, analyserNameFor, type Analysed } from '../analysis/analyser';
import { TITLE_MARK } from '../analysis/parseQuery';
import { typeNameOf, type SearchConfig, type SearchTypeConfig } from '../config';
import { timeFieldsOf } from '../passerelle';
import { extractText } from './extractText';
import { beginIndexing } from './writesAround';
import { engineOf, ENTRIES, facetTokensOf, FTS, LAST_IDS, localeIdRange, TERMS, TITLES, type Engine } from './indexTables';
import { CountChanges, startKeptCounts, type FtsColumns } from './keptCounts';
import { refreshPlannerStatistics } from '../../../../lib/database/plannerStatistics';
import { anyOf } from '../../../../lib/database/anyOf';

type Row = Record<string, unknown>;

export type IndexEntry = {
  uid: string;
  document_id: string;
  locale: string;
  type: string;
  kind: string | null;
  title: string;
  slug: string | null;
  body: string;
  embargo_until: number | null;
  visible_from: number | null;
};

/** Epoch milliseconds, whatever the driver returns for a datetime (Date, ISO string or number). */
const toMillis = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const time = value instanceof Date ? value.getTime() : new Date(value as string | number).getTime();
  return Number.isNaN(time) ? null : time;
};

const attributesOf = (strapi: Core.Strapi, uid: string) =>
  ((strapi.contentType(uid as UID.ContentType) as unknown as { attributes: Record<string, { type: string }> } | undefined)?.attributes ??
    {}) as Record<string, { type: string }>;

export const entryOf = (strapi: Core.Strapi, type: SearchTypeConfig, row: Row): IndexEntry => {
  // The visibility plugin's configuration says which fields hold this type back.
  const timeFields = timeFieldsOf(type.uid, attributesOf(strapi, type.uid));
  const stringOf = (field: string | undefined) => (field && typeof row[field] === 'string' ? row[field] : null);
  return {
    uid: type.uid,
    document_id: String(row.documentId),
    locale: String(row.locale ?? ''),
    type: typeNameOf(type),
    kind: stringOf(type.kind),
    title: extractText(row[type.title]),
    slug: stringOf(type.slug),
    body: type.text
      .map((field) => extractText(row[field]))
      .filter(Boolean)
      .join('\n'),
    embargo_until: timeFields.embargo ? toMillis(row[timeFields.embargo]) : null,
    visible_from: timeFields.schedule ? toMillis(row[timeFields.schedule]) : null,
  };
};

/** The fields to populate when reading a document for the index: its component and dynamic-zone text fields. */
export const populateOf = (strapi: Core.Strapi, type: SearchTypeConfig): Record<string, true> => {
  const attributes = attributesOf(strapi, type.uid);
  return Object.fromEntries(
    [type.title, ...type.text]
      .filter((field) => ['component', 'dynamiczone'].includes(attributes[field]?.type))
      .map((field) => [field, true])
  );
};

/**
 * The columns to read for the index: what entryOf uses, and nothing else (an article's row also
 * holds its SEO, media and relations' keys). Components and dynamic zones come through populateOf.
 */
export const selectOf = (strapi: Core.Strapi, type: SearchTypeConfig): string[] => {
  const attributes = attributesOf(strapi, type.uid);
  const timeFields = timeFieldsOf(type.uid, attributes);
  const fields = ['id', 'documentId', 'locale', type.title, type.slug, type.kind, ...type.text, timeFields.embargo, timeFields.schedule];
  return [
    ...new Set(
      fields.filter((field): field is string => Boolean(field) && !['component', 'dynamiczone'].includes(attributes[field as string]?.type))
    ),
  ];
};

/** PostgreSQL keeps at most 256 positions per lexeme, and none past 16383. */
const MAX_POSITIONS = 256;
const MAX_POSITION = 16383;
const quoteLexeme = (token: string) => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The document's tsvector, spelled out so that PostgreSQL's own parser never re-tokenises: title
 * stems weigh A, body stems B, folded words C (title) and D (body), at the positions of their words.
 * A gap separates title from body, so a phrase never runs across them (FTS5's columns do the same).
 * The title's marked tokens and the facet tokens come last, without positions: only matched, never
 * ranked (see searchIndex).
 */
export const tsvectorLiteral = (title: Analysed, body: Analysed, facets: string[] = []): string => {
  const positions = new Map<string, string[]>();
  const add = (token: string, position: number, weight: string) => {
    const list = positions.get(token) ?? [];
    if (list.length < MAX_POSITIONS && position <= MAX_POSITION) list.push(`${position}${weight}`);
    positions.set(token, list);
  };
  title.stems.forEach((stem, index) => add(stem, index + 1, 'A'));
  title.words.forEach((word, index) => add(word, index + 1, 'C'));
  const bodyStart = title.stems.length + 2;
  body.stems.forEach((stem, index) => add(stem, bodyStart + index, 'B'));
  body.words.forEach((word, index) => add(word, bodyStart + index, 'D'));
  // The title's tokens again, marked and without positions: the title pass finds them in the GIN index alone.
  for (const token of [...title.stems, ...title.words]) positions.set(`${TITLE_MARK}${token}`, []);
  for (const facet of facets) positions.set(facet, []);
  return [...positions]
    .map(([token, list]) => (list.length > 0 ? `${quoteLexeme(token)}:${list.join(',')}` : quoteLexeme(token)))
    .join(' ');
};

const analyserOf = (config: SearchConfig, locale: string) => analyserNameFor(locale, config.analysers);

/** An entry ready to write: what it shows, how its locale is analysed, and the digest of both. */
type Pending = { entry: IndexEntry; analyser: string; digest: string };

/**
 * What an entry's tokens and answers depend on. An entry whose digest is unchanged is left as it is:
 * no analysis, no write (a draft saved, or a publish in another locale, leaves it alone).
 */
export const digestOf = (entry: IndexEntry, analyser: string): string =>
  createHash('sha1')
    .update(
      JSON.stringify([
        analyser,
        entry.uid,
        entry.document_id,
        entry.locale,
        entry.type,
        entry.kind,
        entry.title,
        entry.slug,
        entry.body,
        entry.embargo_until,
        entry.visible_from,
      ])
    )
    .digest('base64');

const pendingOf = (config: SearchConfig, entry: IndexEntry): Pending => {
  const analyser = analyserOf(config, entry.locale);
  return { entry, analyser, digest: digestOf(entry, analyser) };
};

/** Rows per INSERT: 13 columns each stays far under SQLite's limit on bound values (32,766). */
const ROWS_PER_INSERT = 100;

/**
 * SQLite: ids for entries of these locales, in order, each the next of its locale's range
 * (localeIdRange) after the last it gave (LAST_IDS), never one given before. Each locale's ids are
 * reserved by one statement, which moves its last id and returns it: the documents of a bulk publish
 * are indexed side by side in one transaction, and a read then a write of the last id let two of them
 * take the same ids.
 */
const nextIds = async (trx: Knex, locales: string[]): Promise<number[]> => {
  const nextOf = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const locale of locales) counts.set(locale, (counts.get(locale) ?? 0) + 1);
  for (const [locale, count] of counts) {
    const range = localeIdRange(locale);
    const reserved = await trx.raw<Array<{ last: number }>>(
      `INSERT INTO ${LAST_IDS} (range_first, last) VALUES (?, ?) ON CONFLICT (range_first) DO UPDATE SET last = last + ? RETURNING last`,
      [range.first, range.first + count - 1, count]
    );
    const last = reserved[0].last;
    if (last > range.last) throw new Error(`search index: every id of the locale ${locale} has been given`);
    nextOf.set(locale, last - count + 1);
  }
  return locales.map((locale) => {
    const id = nextOf.get(locale) as number;
    nextOf.set(locale, id + 1);
    return id;
  });
};

/** An entry's full-text columns: its analysed title and body, and its facets. */
const ftsColumnsOf = (engine: Engine, entry: IndexEntry, title: Analysed, body: Analysed): FtsColumns => ({
  title_stems: title.stems.join(' '),
  body_stems: body.stems.join(' '),
  title_words: title.words.join(' '),
  body_words: body.words.join(' '),
  facets: facetTokensOf(engine, entry).join(' '),
});

/** Writes entries, a hundred to a statement: one INSERT into the entries (and, on SQLite, one into FTS5) per hundred. */
const writeEntries = async (strapi: Core.Strapi, trx: Knex, pending: Pending[], counts: CountChanges): Promise<void> => {
  const engine = engineOf(strapi);
  for (let start = 0; start < pending.length; start += ROWS_PER_INSERT) {
    const chunk = pending.slice(start, start + ROWS_PER_INSERT).map(({ entry, analyser, digest }) => ({
      entry,
      digest,
      title: analyse(entry.title, analyser),
      body: analyse(entry.body, analyser),
    }));
    if (engine === 'postgres') {
      await trx(ENTRIES).insert(
        chunk.map(({ entry, digest, title, body }) => ({
          ...entry,
          digest,
          terms: trx.raw('?::tsvector', [tsvectorLiteral(title, body, facetTokensOf(engine, entry))]),
        }))
      );
      continue;
    }
    const ids = await nextIds(
      trx,
      chunk.map(({ entry }) => entry.locale)
    );
    await trx(ENTRIES).insert(chunk.map(({ entry, digest }, index) => ({ ...entry, digest, id: ids[index] })));
    const columns = chunk.map(({ entry, title, body }) => ftsColumnsOf(engine, entry, title, body));
    const rows = columns.map((written, index) => ({ rowid: ids[index], ...written }));
    await trx(FTS).insert(rows);
    await trx(TITLES).insert(rows.map(({ rowid, title_stems, title_words, facets }) => ({ rowid, title_stems, title_words, facets })));
    counts.add(columns, 1);
    const terms = new Set<string>();
    for (const { title, body } of chunk)
      for (const list of [title.stems, body.stems, title.words, body.words]) for (const term of list) terms.add(term);
    await insertTerms(trx, [...terms]);
  }
};

/**
 * Adds the terms the index does not list yet (see TERMS), as one JSON array: one statement, one
 * prepared statement for any number of terms (a row per bound value would be a statement text per
 * count, and knex writes a many-row insert as a compound SELECT, which SQLite stops at 500 terms).
 */
const insertTerms = async (trx: Knex, terms: string[]): Promise<void> => {
  if (terms.length === 0) return;
  // `WHERE true`: SQLite's grammar needs it before ON CONFLICT after a SELECT.
  await trx.raw(`INSERT INTO ${TERMS} (term) SELECT value FROM json_each(?) WHERE true ON CONFLICT (term) DO NOTHING`, [
    JSON.stringify(terms),
  ]);
};

/**
 * The full-text columns the entries of these ids were written with, analysed again from their text
 * (the same analysis: a change of it or of the analysers rebuilds the index), for their counts.
 */
const writtenColumnsOf = async ({ strapi, config }: IndexContext, trx: Knex, ids: number[]): Promise<FtsColumns[]> => {
  const engine = engineOf(strapi);
  const rows = (await trx(ENTRIES).select('locale', 'type', 'kind', 'title', 'body').whereIn('id', ids)) as Array<
    Pick<IndexEntry, 'locale' | 'type' | 'kind' | 'title' | 'body'>
  >;
  return rows.map((row) => {
    const analyser = analyserOf(config, row.locale);
    return ftsColumnsOf(engine, row as IndexEntry, analyse(row.title, analyser), analyse(row.body, analyser));
  });
};

const deleteEntries = async (context: IndexContext, trx: Knex, ids: number[], counts: CountChanges) => {
  if (ids.length === 0) return;
  if (engineOf(context.strapi) === 'sqlite') {
    if (counts.keeping) counts.add(await writtenColumnsOf(context, trx, ids), -1);
    await trx(FTS).whereIn('rowid', ids).delete();
    await trx(TITLES).whereIn('rowid', ids).delete();
  }
  await trx(ENTRIES).whereIn('id', ids).delete();
};

/** Empties the index, and starts its counts again (see keptCounts). */
const deleteAllEntries = async (strapi: Core.Strapi, trx: Knex) => {
  if (engineOf(strapi) === 'sqlite') {
    await trx(FTS).delete();
    await trx(TITLES).delete();
    await trx(TERMS).delete();
    await startKeptCounts(strapi, trx);
  }
  await trx(ENTRIES).delete();
};

export type IndexContext = { strapi: Core.Strapi; config: SearchConfig };

/** Documents per read: their ids are bound values, as are their entries' ids in the DELETE. */
const DOCUMENTS_PER_READ = 200;

/**
 * Replaces each document's entries with its published versions, one per locale, inside `trx` (the
 * write's own transaction when called from the Document Service; a batch of writes' at its end).
 * Drafts are never indexed. An entry whose digest did not change is kept as it is.
 */
export const reindexDocuments = async (
  { strapi, config }: IndexContext,
  trx: Knex,
  type: SearchTypeConfig,
  documentIds: string[]
): Promise<void> => {
  const engine = engineOf(strapi);
  const ids = [...new Set(documentIds)].sort();
  const counts = await CountChanges.of(strapi, trx);
  for (let start = 0; start < ids.length; start += DOCUMENTS_PER_READ) {
    const chunk = ids.slice(start, start + DOCUMENTS_PER_READ);
    if (engine === 'postgres') {
      // Two writes to one document at once would otherwise both delete and both insert. Taken in the
      // ids' sorted order (unnest keeps the array's), so that two batches sharing documents cannot
      // each hold a lock the other waits for.
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(key)) FROM unnest(?::text[]) AS key', [
        chunk.map((documentId) => `search:${type.uid}:${documentId}`),
      ]);
    }
    const rows = (await strapi.db.query(type.uid).findMany({
      select: selectOf(strapi, type),
      where: { documentId: anyOf(chunk), publishedAt: { $notNull: true } },
      populate: populateOf(strapi, type),
    })) as Row[];
    const existing = (await trx(ENTRIES).select('id', 'digest').where({ uid: type.uid }).whereIn('document_id', chunk)) as Array<{
      id: number | string;
      digest: string | null;
    }>;
    const unchanged = new Map(existing.map((row) => [row.digest, Number(row.id)]));
    const fresh = rows.map((row) => pendingOf(config, entryOf(strapi, type, row)));
    const kept = new Set(fresh.map((pending) => unchanged.get(pending.digest)).filter((id): id is number => id !== undefined));
    // A version replaced and its successor share most tokens: their counts' changes are written once, netted.
    await deleteEntries(
      { strapi, config },
      trx,
      existing.map((row) => Number(row.id)).filter((id) => !kept.has(id)),
      counts
    );
    await writeEntries(
      strapi,
      trx,
      fresh.filter((pending) => !unchanged.has(pending.digest)),
      counts
    );
    await counts.write(trx);
  }
};

const BATCH = 200;

/**
 * Removes the entries of every locale but `codes`. Strapi's i18n deletes a removed locale's rows with
 * the query engine (5.54.0), not through the Document Service whose middleware keeps the index in step.
 */
export const removeEntriesOutsideLocales = async (context: IndexContext, codes: string[]): Promise<number> => {
  const { strapi } = context;
  let removed = 0;
  // Strapi 5.54.0 types the transaction's callback argument as `any`; it is knex's transaction.
  await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
    const ids = ((await trx(ENTRIES).select('id').whereNotIn('locale', codes)) as Array<{ id: number | string }>).map((row) =>
      Number(row.id)
    );
    const counts = await CountChanges.of(strapi, trx);
    for (let start = 0; start < ids.length; start += BATCH) {
      await deleteEntries(context, trx, ids.slice(start, start + BATCH), counts);
      await counts.write(trx);
    }
    removed = ids.length;
  });
  return removed;
};

/**
 * Empties the index and indexes every published document of every configured type again, `batchSize`
 * rows read at a time.
 */
export const rebuildIndex = async (
  { strapi, config }: IndexContext,
  { batchSize = BATCH }: { batchSize?: number } = {}
): Promise<{ entries: number }> => {
  let entries = 0;
  await refreshPlannerStatistics(strapi);
  await strapi.db.transaction(async ({ trx }) => {
    const knex = trx as unknown as Knex.Transaction;
    // Writes made around the Document Service until now are read below: their notes go, and the index is in step once this commits.
    await beginIndexing(strapi, knex, { outOfStep: false });
    await deleteAllEntries(strapi, knex);
    const counts = await CountChanges.of(strapi, knex);
    for (const type of config.types) {
      // Each batch is found after the last one's id: an OFFSET would walk every row before it again
      // (and on SQLite read each skipped row's body to test its publication).
      for (let after = 0; ;) {
        const rows = (await strapi.db.query(type.uid).findMany({
          select: selectOf(strapi, type),
          where: { publishedAt: { $notNull: true }, id: { $gt: after } },
          populate: populateOf(strapi, type),
          orderBy: { id: 'asc' },
          limit: batchSize,
        })) as Row[];
        if (rows.length > 0) after = Number(rows[rows.length - 1].id);
        await writeEntries(
          strapi,
          knex,
          rows.map((row) => pendingOf(config, entryOf(strapi, type, row))),
          counts
        );
        await counts.write(knex);
        entries += rows.length;
        if (rows.length < batchSize) break;
      }
    }
  });
  return { entries };
};

/** Exposed for the benchmark: indexes entries built elsewhere, in one transaction. */
export const insertEntries = async ({ strapi, config }: IndexContext, entries: IndexEntry[]): Promise<void> => {
  // Strapi 5.54.0 types the transaction's callback argument as `any`; it is knex's transaction.
  await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
    const counts = await CountChanges.of(strapi, trx);
    await writeEntries(
      strapi,
      trx,
      entries.map((entry) => pendingOf(config, entry)),
      counts
    );
    await counts.write(trx);
  });
};
