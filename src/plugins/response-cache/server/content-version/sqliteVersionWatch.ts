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
 * The shared counter on SQLite, without a query per request. A connection of our own, read-only,
 * asks SQLite's `PRAGMA data_version`, which changes when any other connection has committed to
 * the file: this process's Strapi connection, or another process (seed, restore, search:rebuild,
 * `strapi import`). Only then is the counter's row read again. Both are synchronous calls in this
 * process: in WAL mode data_version reads shared memory; in rollback mode the file header.
 *
 * Why it is exact: this connection never writes, so an unchanged data_version means no commit by
 * anyone since the row was last read, so the row is unchanged. data_version is read BEFORE the row:
 * a commit falling between the two then shows up as a changed data_version on the next call; the
 * other order could pair the old row with the new data_version and keep it for good.
 * A connection of its own rather than Strapi's: on Strapi's single connection, an open write
 * transaction would show its uncommitted counter, and that connection does not see its own commits
 * in data_version.
 */
export const watchSqliteVersion = (file: string, table: string): SqliteVersionWatch => {
  // A writer holds the file for milliseconds at a commit; past the timeout the caller falls back to a query.
  const observer = new Database(file, { readonly: true, fileMustExist: true, timeout: 1000 });
  const dataVersion = observer.prepare('PRAGMA data_version').pluck();
  const versionRow = observer.prepare(`SELECT version FROM "${table}" WHERE id = 1`).pluck();
  let seen: unknown;
  let shared = 0;
  return {
    sharedVersion() {
      const current = dataVersion.get();
      if (current !== seen) {
        shared = Number(versionRow.get() ?? 0);
        seen = current;
      }
      return shared;
    },
    close: () => observer.close(),
  };
};
