import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { defineWriteLog } from '../passerelle';
import type { SearchConfig } from '../config';

/**
 * Writes around the Document Service (a script through the query engine, `strapi import`, raw SQL,
 * with or without an instance running) are not seen by the middleware that keeps the index in step:
 * the index would go on finding a document unpublished, deleted or put under embargo that way. Database
 * triggers note every write to the tables the index is made from (src/lib/database/writeLog.ts); the
 * middleware forgets its own writes' notes. A note left, or a catching up under way, means the index
 * may be out of step: no search answers from it until every document has been indexed again.
 */
export const SEARCH_WRITES = 'search_index_writes';
/** One row: `generation` counts the catching-ups begun and ended; `out_of_step` is 1 from one's start to its end. */
export const SEARCH_STATE = 'search_index_state';

export const searchWriteLog = defineWriteLog({
  table: SEARCH_WRITES,
  triggerPrefix: 'search_index_w_',
  pgFunction: 'search_index_note_write',
  batchKey: 'search-write-log',
});

type Attribute = { type: string; component?: string; components?: string[] };
type Schema = { attributes: Record<string, Attribute> } | undefined;

/** The indexed types and every component they hold, at any depth: the models whose rows the index reads. */
const indexedModels = (strapi: Core.Strapi, config: SearchConfig): string[] => {
  const models = new Set<string>();
  const schemas = { ...strapi.components, ...strapi.contentTypes } as unknown as Record<string, Schema>;
  const visit = (uid: string) => {
    const schema = schemas[uid];
    if (!schema || models.has(uid)) return;
    models.add(uid);
    for (const attribute of Object.values(schema.attributes)) {
      const components =
        attribute.type === 'component' ? [attribute.component ?? ''] : attribute.type === 'dynamiczone' ? (attribute.components ?? []) : [];
      for (const component of components) visit(component);
    }
  };
  for (const type of config.types) visit(type.uid);
  return [...models];
};

/**
 * Creates the state row and the log, with triggers on each table of the indexed models (relations'
 * links are not indexed; of the own tables of types with drafts, only writes to published rows).
 */
export const prepareWritesAround = async (strapi: Core.Strapi, config: SearchConfig): Promise<void> => {
  const knex = strapi.db.connection;
  if (!(await knex.schema.hasTable(SEARCH_STATE))) {
    await knex.schema
      .createTable(SEARCH_STATE, (table) => {
        table.integer('id').primary();
        table.bigInteger('generation').notNullable();
        table.integer('out_of_step').notNullable();
      })
      .catch(async (error: unknown) => {
        if (!(await knex.schema.hasTable(SEARCH_STATE))) throw error;
      });
  }
  await knex(SEARCH_STATE).insert({ id: 1, generation: 0, out_of_step: 0 }).onConflict('id').ignore();
  await searchWriteLog.prepare(strapi, indexedModels(strapi, config), { relations: false });
};

export type IndexStep = { generation: number; inStep: boolean };

/** Whether the index is in step, in one statement: no catching up under way, no write around it noted. */
export const indexStep = async (strapi: Core.Strapi): Promise<IndexStep> => {
  const knex = strapi.db.connection;
  const row = (await knex(SEARCH_STATE)
    .select('generation', 'out_of_step', knex.raw('exists ? as written', [searchWriteLog.anyNote(strapi)]))
    .where({ id: 1 })
    .first()) as { generation: number | string; out_of_step: number | string; written: unknown } | undefined;
  return { generation: Number(row?.generation ?? 0), inStep: row !== undefined && Number(row.out_of_step) === 0 && !Number(row.written) };
};

/**
 * The start of a catching up or a rebuild, in its transaction: forgets the notes (what it indexes
 * from now on reads what they wrote) and counts a generation. A catching up also marks the index out
 * of step until it ends; a rebuild, whose transaction commits the whole index at once, marks it in step.
 * Returns the generation it began.
 */
export const beginIndexing = async (strapi: Core.Strapi, trx: Knex.Transaction, { outOfStep }: { outOfStep: boolean }): Promise<number> => {
  await searchWriteLog.clear(strapi, trx);
  await trx(SEARCH_STATE)
    .where({ id: 1 })
    .update({ out_of_step: outOfStep ? 1 : 0, generation: trx.raw('generation + 1') });
  return Number(((await trx(SEARCH_STATE).select('generation').where({ id: 1 }).first()) as { generation: number | string }).generation);
};

/** The end of a catching up: in step, unless another catching up (or a rebuild) began since `generation`, which ends it. */
export const endCatchingUp = async (strapi: Core.Strapi, generation: number): Promise<void> => {
  await strapi.db
    .connection(SEARCH_STATE)
    .where({ id: 1, generation })
    .update({ out_of_step: 0, generation: generation + 1 });
};
