import { LRUCache } from 'lru-cache';

/** What this needs of a better-sqlite3 `Database`. */
type PreparingConnection = { prepare(source: string): object };

/** Enough for every statement a public read, a write and the admin panel run, `IN (?, …)` lengths included. */
export const STATEMENTS_KEPT = 1000;

/**
 * knex prepares every statement again for every query it runs on better-sqlite3
 * (`connection.prepare(obj.sql)` in `_query`, lib/dialects/better-sqlite3, checked against knex
 * 3.0.1 and better-sqlite3 12.9.0): 9 to 12 % of the CPU of a read through the Document Service,
 * which runs the same few statements each time. The connection keeps its statements by SQL text,
 * the most recently used first. Safe to share: knex runs a statement with `all()` or `run()`, both
 * synchronous, so no statement is ever half-read when it is asked for again, and it sets no mode on
 * it (`raw`, `pluck`, `expand`); SQLite prepares a kept statement again by itself when the schema has
 * changed (tests/unit/database/preparedStatements.test.ts); a statement that does not prepare throws
 * and is not kept.
 */
export const keepPreparedStatements = <Connection extends PreparingConnection>(connection: Connection): Connection => {
  const prepare = connection.prepare.bind(connection);
  const kept = new LRUCache<string, object>({ max: STATEMENTS_KEPT });
  connection.prepare = (source: string) => {
    let statement = kept.get(source);
    if (statement === undefined) {
      statement = prepare(source);
      kept.set(source, statement);
    }
    return statement;
  };
  return connection;
};
