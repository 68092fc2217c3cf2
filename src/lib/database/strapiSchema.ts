import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * Our own tables in Strapi's database, in its PostgreSQL schema (`DATABASE_SCHEMA`) when it has one.
 * Strapi internals used here, checked against Strapi 5.54.0: `db.getSchemaName()` (undocumented) and
 * `db.transaction`'s callback argument (typed `any`; it holds knex's transaction).
 */
export type Connection = Knex | Knex.Transaction;

export const schemaName = (strapi: Core.Strapi): string | undefined => strapi.db.getSchemaName() || undefined;

export const schemaBuilder = (strapi: Core.Strapi) => {
  const name = schemaName(strapi);
  return name ? strapi.db.connection.schema.withSchema(name) : strapi.db.connection.schema;
};

/** A query on one of our tables, through `connection` (a transaction's knex object, or `db.connection`). */
export const table = (strapi: Core.Strapi, connection: Connection, name: string) => {
  const schema = schemaName(strapi);
  return schema ? connection(name).withSchema(schema) : connection(name);
};

/** A name as an SQL identifier. */
export const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A table's name as SQL, quoted and qualified with Strapi's schema. */
export const qualifiedName = (strapi: Core.Strapi, name: string): string => {
  const schema = schemaName(strapi);
  return schema ? `${quote(schema)}.${quote(name)}` : quote(name);
};

/**
 * Runs `work` in the transaction already open, or in a new one (`db.transaction` joins the open one
 * and hands out its knex object). Strapi's own queries inside (`db.query`, the Document Service) join
 * it too, through Strapi's transaction context: on SQLite's single connection any query outside it
 * would wait for the transaction forever.
 */
export const inTransaction = <T>(strapi: Core.Strapi, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> =>
  strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) => work(trx)) as Promise<T>;
