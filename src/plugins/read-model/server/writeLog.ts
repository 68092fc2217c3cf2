import type { Core } from '@strapi/strapi';
import { defineWriteLog } from '../../../lib/database/writeLog';
import { compiledQuery, compiledQueryChecksOf } from '../../../lib/database/compiledQueries';
import { table } from './strapiInternals';
import { PENDING_TABLE, STATE_TABLE } from './tables';

/**
 * Writes to the watched tables, noted by database triggers (src/lib/database/writeLog.ts): whoever
 * writes (this app, another tool, raw SQL while no instance runs). A write the plugin keeps in step
 * removes its own notes in its own transaction; any note left is a write made around the model, and
 * the next boot rebuilds it.
 */
export const WRITES_TABLE = 'passerelle_read_model_writes';
const writeLog = defineWriteLog({
  table: WRITES_TABLE,
  triggerPrefix: 'passerelle_rm_w_',
  pgFunction: 'passerelle_read_model_note_write',
  batchKey: 'read-model-write-log',
});

/**
 * Notes writes to the watched models' tables, and their relations' and components' join tables. Of
 * the own tables of types with drafts, only writes touching a published row are noted: no stored
 * answer shows a draft (a script's clone gives its drafts their slugs through the query engine).
 */
export const prepareWriteLog = (strapi: Core.Strapi, models: Iterable<string>): Promise<void> => writeLog.prepare(strapi, models);
export const { forgettingOwnWrites, forgettingOwnWritesOfBatch } = writeLog;

/** True when a watched table was written around the model (notes left behind). */
export const hasOutsideWrites = (strapi: Core.Strapi): Promise<boolean> => writeLog.hasNotes(strapi);

/** Forgets every note committed so far: a rebuild that starts now reads what they wrote. */
export const clearWriteLog = writeLog.clear;

/**
 * True when the model may answer for `fingerprint`: built for it, and no write made around it is
 * noted (one statement, read before every answer; another process's `strapi import` stops every
 * instance from serving the moment it commits).
 */
export const servesFor = async (strapi: Core.Strapi, fingerprint: string): Promise<boolean> =>
  (await servingState(strapi, fingerprint)) !== undefined;

/**
 * Where the model stands when it may serve for `fingerprint` (else undefined): its epoch, counted up
 * each time it is marked out of date (a permission or locale change, a write around it), and its
 * generation, counted up by every refresh of rows, in the refresh's own transaction. What is
 * remembered for an epoch (the Public role's actions) or a generation (a list's count) is then as
 * current as the rows themselves, on every instance.
 */
export const servingState = async (strapi: Core.Strapi, fingerprint: string): Promise<ServingState | undefined> => {
  // Read before every read the model answers: built and compiled by knex once, then only run.
  const [row] = await compiledQuery<ServingStateColumns>(
    strapi.db.connection,
    'serving state alone',
    {},
    () => servingStateQuery(strapi).limit(1),
    compiledQueryChecksOf(strapi)
  );
  return servingStateOf(row, fingerprint);
};

/** The state row's columns that say whether the model serves. */
export type ServingStateColumns = {
  built_for: string | null;
  epoch: number | string;
  generation: number | string;
  written: unknown;
  pending: unknown;
};

/**
 * The query of those columns, from the state table (a reader may join its rows to it: serve.ts): with
 * whether a write around the model is noted, and whether a write's rows wait for their refresh
 * (pendingRefresh.ts). Either stops every read from the model.
 */
export const servingStateQuery = (strapi: Core.Strapi) => {
  const connection = strapi.db.connection;
  const written = writeLog.anyNote(strapi, connection);
  const pending = table(strapi, connection, PENDING_TABLE).select('id').limit(1);
  return table(strapi, connection, `${STATE_TABLE} as state`)
    .select(
      'state.built_for',
      'state.epoch',
      'state.generation',
      connection.raw('exists ? as written', [written]),
      connection.raw('exists ? as pending', [pending])
    )
    .where('state.id', 1);
};

/** Where the model stands, from those columns, when it may serve for `fingerprint`. */
export const servingStateOf = (row: ServingStateColumns | undefined, fingerprint: string): ServingState | undefined =>
  row?.built_for === fingerprint && !row.written && !row.pending
    ? { epoch: Number(row.epoch), generation: Number(row.generation) }
    : undefined;

export type ServingState = { epoch: number; generation: number };
