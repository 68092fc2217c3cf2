import { closeSync, openSync, readSync } from 'node:fs';

/** The parts of better-sqlite3 12 used here (the package ships no type declarations). */
type Statement = { pluck(): Statement; get(): unknown };
type SqliteDatabase = { prepare(sql: string): Statement; close(): void };
type SqliteDatabaseClass = new (file: string, options: { readonly: boolean; fileMustExist: boolean; timeout: number }) => SqliteDatabase;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as SqliteDatabaseClass;

export type SqliteVersionWatch = {
  /** The shared counter as committed now, read from the file only if something committed since the last call. */
  sharedVersion(): number;
  close(): void;
};

/**
 * The database header bytes read on each call (https://www.sqlite.org/fileformat.html#the_database_header):
 * offsets 18 and 19, the write and read format versions (2 when the file is in WAL mode), up to
 * offset 27, where the 4-byte file change counter ends.
 */
const HEADER_FROM = 18;
const HEADER_BYTES = 10;
const WAL_FORMAT = 2;
const CHANGE_COUNTER_AT = 24 - HEADER_FROM;

/**
 * The shared counter on SQLite, without a query per request. A connection of our own, read-only,
 * asks SQLite's `PRAGMA data_version`, which changes when any other connection has committed to
 * the file: this process's Strapi connection, or another process (seed, restore, search:rebuild,
 * `strapi import`). Only then is the counter's row read again.
 *
 * Why it is exact: this connection never writes, so an unchanged data_version means no commit by
 * anyone since the row was last read, so the row is unchanged. data_version is read BEFORE the row:
 * a commit falling between the two then shows up as a changed data_version on the next call; the
 * other order could pair the old row with the new data_version and keep it for good.
 * A connection of its own rather than Strapi's: on Strapi's single connection, an open write
 * transaction would show its uncommitted counter, and that connection does not see its own commits
 * in data_version.
 *
 * Cheaper still in rollback-journal mode (Strapi's default), and as exact: asking data_version takes
 * and drops a shared lock (file-lock system calls, about a seventh of a cache hit's CPU), while the
 * file change counter in the database header is rewritten by every transaction that modifies the
 * file, before its commit completes, and only under an exclusive lock. So the header is read first
 * (one `pread`, from the same page cache SQLite writes through): unchanged since the last full check
 * means no commit since, so the answer stands; changed, or the file in WAL mode (where the counter
 * is not kept up to date), the full check above runs. A counter read in the middle of a commit is
 * already changed, and the full check then waits for the writer's lock like any reader.
 */
export const watchSqliteVersion = (file: string, table: string): SqliteVersionWatch => {
  // A writer holds the file for milliseconds at a commit; past the timeout the caller falls back to a query.
  const observer = new Database(file, { readonly: true, fileMustExist: true, timeout: 1000 });
  const dataVersion = observer.prepare('PRAGMA data_version').pluck();
  const versionRow = observer.prepare(`SELECT version FROM "${table}" WHERE id = 1`).pluck();
  const headerFile = openSync(file, 'r');
  const header = Buffer.alloc(HEADER_BYTES);
  let counterAtLastCheck: number | undefined;
  let seen: unknown;
  let shared = 0;

  const changeCounterNow = (): number | undefined => {
    if (readSync(headerFile, header, 0, HEADER_BYTES, HEADER_FROM) < HEADER_BYTES) return undefined;
    if (header[0] === WAL_FORMAT || header[1] === WAL_FORMAT) return undefined;
    return header.readUInt32BE(CHANGE_COUNTER_AT);
  };

  return {
    sharedVersion() {
      const counter = changeCounterNow();
      if (counter !== undefined && counter === counterAtLastCheck) return shared;
      const current = dataVersion.get();
      if (current !== seen) {
        shared = Number(versionRow.get() ?? 0);
        seen = current;
      }
      counterAtLastCheck = counter;
      return shared;
    },
    close: () => {
      closeSync(headerFile);
      observer.close();
    },
  };
};
