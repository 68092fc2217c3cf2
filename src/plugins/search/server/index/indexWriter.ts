import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { analyse, analyserNameFor, type Analysed } from '../analysis/analyser';
import { typeNameOf, type SearchConfig, type SearchTypeConfig } from '../config';
import { timeFieldsOf } from '../passerelle';
import { extractText } from './extractText';
import { engineOf, ENTRIES, facetTokensOf, FTS, type Engine } from './indexTables';

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
  ((strapi.contentTypes as unknown as Record<string, { attributes: Record<string, { type: string }> }>)[uid]?.attributes ?? {}) as Record<
    string,
    { type: string }
  >;

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

/** PostgreSQL keeps at most 256 positions per lexeme, and none past 16383. */
const MAX_POSITIONS = 256;
const MAX_POSITION = 16383;
const quoteLexeme = (token: string) => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The document's tsvector, spelled out so that PostgreSQL's own parser never re-tokenises: title
 * stems weigh A, body stems B, folded words C (title) and D (body), at the positions of their words.
 * A gap separates title from body, so a phrase never runs across them (FTS5's columns do the same).
 * Facet tokens come last, without positions: only matched, never ranked (see searchIndex).
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
  for (const facet of facets) positions.set(facet, []);
  return [...positions]
    .map(([token, list]) => (list.length > 0 ? `${quoteLexeme(token)}:${list.join(',')}` : quoteLexeme(token)))
    .join(' ');
};

const insertEntry = async (engine: Engine, trx: Knex, entry: IndexEntry, analyser: string) => {
  const title = analyse(entry.title, analyser);
  const body = analyse(entry.body, analyser);
  if (engine === 'postgres') {
    await trx(ENTRIES).insert({ ...entry, terms: trx.raw('?::tsvector', [tsvectorLiteral(title, body, facetTokensOf(engine, entry))]) });
    return;
  }
  const [inserted] = await trx(ENTRIES).insert(entry).returning<Array<{ id: number } | number>>('id');
  const id = typeof inserted === 'number' ? inserted : inserted.id;
  await trx(FTS).insert({
    rowid: id,
    title_stems: title.stems.join(' '),
    body_stems: body.stems.join(' '),
    title_words: title.words.join(' '),
    body_words: body.words.join(' '),
    facets: facetTokensOf(engine, entry).join(' '),
  });
};

const deleteEntries = async (engine: Engine, trx: Knex, where: { uid?: string; document_id?: string }) => {
  if (engine === 'sqlite') {
    await trx(FTS).whereIn('rowid', trx(ENTRIES).select('id').where(where)).delete();
  }
  await trx(ENTRIES).where(where).delete();
};

export type IndexContext = { strapi: Core.Strapi; config: SearchConfig };

const analyserOf = (config: SearchConfig, locale: string) => analyserNameFor(locale, config.analysers);

/**
 * Replaces a document's entries with its published versions, one per locale, inside `trx` (the
 * write's own transaction when called from the Document Service). Drafts are never indexed.
 */
export const reindexDocument = async (
  { strapi, config }: IndexContext,
  trx: Knex,
  type: SearchTypeConfig,
  documentId: string
): Promise<void> => {
  const engine = engineOf(strapi);
  if (engine === 'postgres') {
    // Two writes to one document at once would otherwise both delete and both insert.
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`search:${type.uid}:${documentId}`]);
  }
  await deleteEntries(engine, trx, { uid: type.uid, document_id: documentId });
  const rows = (await strapi.db.query(type.uid).findMany({
    where: { documentId, publishedAt: { $notNull: true } },
    populate: populateOf(strapi, type),
  })) as Row[];
  for (const row of rows) {
    const entry = entryOf(strapi, type, row);
    await insertEntry(engine, trx, entry, analyserOf(config, entry.locale));
  }
};

const BATCH = 200;

/** Empties the index and indexes every published document of every configured type again. */
export const rebuildIndex = async ({ strapi, config }: IndexContext): Promise<{ entries: number }> => {
  const engine = engineOf(strapi);
  let entries = 0;
  await strapi.db.transaction(async ({ trx }) => {
    const knex = trx as unknown as Knex;
    await deleteEntries(engine, knex, {});
    for (const type of config.types) {
      for (let offset = 0; ; offset += BATCH) {
        const rows = (await strapi.db.query(type.uid).findMany({
          where: { publishedAt: { $notNull: true } },
          populate: populateOf(strapi, type),
          orderBy: { id: 'asc' },
          offset,
          limit: BATCH,
        })) as Row[];
        for (const row of rows) {
          const entry = entryOf(strapi, type, row);
          await insertEntry(engine, knex, entry, analyserOf(config, entry.locale));
          entries += 1;
        }
        if (rows.length < BATCH) break;
      }
    }
  });
  return { entries };
};

/** Exposed for the benchmark: indexes entries built elsewhere, in one transaction. */
export const insertEntries = async ({ strapi, config }: IndexContext, entries: IndexEntry[]): Promise<void> => {
  const engine = engineOf(strapi);
  // Strapi 5.54.0 types the transaction's callback argument as `any`; it is knex's transaction.
  await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
    for (const entry of entries) await insertEntry(engine, trx, entry, analyserOf(config, entry.locale));
  });
};
