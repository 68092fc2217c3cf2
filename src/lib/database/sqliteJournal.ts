/** What this needs of a better-sqlite3 `Database`. */
type PragmaConnection = { pragma(source: string): unknown };

/** `synchronous` settings offered: `full` (the default) keeps every commit through a power cut, `normal` may lose the last ones. */
export const SQLITE_SYNCHRONOUS_MODES = ['full', 'normal'] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS_MODES)[number];

/** After a large transaction, the log is cut back to this size instead of keeping its largest size on disk. */
const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

export const parseSqliteSynchronous = (value: string): SqliteSynchronous => {
  const mode = value.toLowerCase();
  if (!(SQLITE_SYNCHRONOUS_MODES as readonly string[]).includes(mode)) {
    throw new Error(`DATABASE_SQLITE_SYNCHRONOUS must be ${SQLITE_SYNCHRONOUS_MODES.join(' or ')}, got "${value}".`);
  }
  return mode as SqliteSynchronous;
};

/**
 * Write-ahead logging (https://sqlite.org/wal.html) instead of SQLite's default rollback journal. A
 * commit appends to the log and syncs it once, where the rollback journal writes and syncs the journal,
 * then the database, then deletes the journal: 3 to 4 ms a commit here, against well under 1 ms, and
 * a Document Service write commits twice (create, publish). Readers in other processes (an import,
 * `strapi export`) no longer wait for a writer. With `synchronous = full` a commit is on disk when it
 * returns, as before. The database file gets `-wal` and `-shm` companions, so the folder, not the
 * file alone, is what a container keeps; it must be on a local disk (WAL needs shared memory).
 */
export const useWriteAheadLog = <Connection extends PragmaConnection>(
  connection: Connection,
  synchronous: SqliteSynchronous
): Connection => {
  connection.pragma('journal_mode = WAL');
  connection.pragma(`synchronous = ${synchronous}`);
  connection.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  return connection;
};
