import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { watchSqliteVersion } from '../../../src/plugins/response-cache/server/content-version/sqliteVersionWatch';

type Statement = { run(...values: unknown[]): unknown; pluck(): Statement; get(): unknown };
type Connection = { prepare(sql: string): Statement; exec(sql: string): void; pragma(sql: string): unknown; close(): void };
const Database = require('better-sqlite3') as new (file: string) => Connection;

const TABLE = 'passerelle_content_version';

/** What another connection (another process, as far as the file's locks go) may do to the file between two reads. */
type Step =
  | { kind: 'move-version'; by: number }
  | { kind: 'write-elsewhere' }
  | { kind: 'open-write'; by: number }
  | { kind: 'commit' }
  | { kind: 'roll-back' }
  | { kind: 'to-wal' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('move-version' as const), by: fc.integer({ min: 1, max: 3 }) }),
  fc.constant({ kind: 'write-elsewhere' as const }),
  fc.record({ kind: fc.constant('open-write' as const), by: fc.integer({ min: 1, max: 3 }) }),
  fc.constant({ kind: 'commit' as const }),
  fc.constant({ kind: 'roll-back' as const }),
  // Into WAL only: leaving WAL needs every other connection closed, which a running server never allows.
  fc.constant({ kind: 'to-wal' as const })
);

/**
 * The watch answers the committed counter after every write by another connection, whatever the
 * journal mode: its shortcut (the file change counter, read without a lock) must never hide a commit.
 */
describe('the SQLite content-version watch', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'version-watch-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('answers the committed version after any sequence of commits, open writes and journal-mode changes', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), fc.boolean(), (steps, startInWal) => {
        const file = path.join(folder, `run-${(run += 1)}.db`);
        const writer = new Database(file);
        writer.exec(`CREATE TABLE "${TABLE}" (id INTEGER PRIMARY KEY, version INTEGER NOT NULL); INSERT INTO "${TABLE}" VALUES (1, 0);`);
        writer.exec('CREATE TABLE other (value TEXT)');
        if (startInWal) writer.pragma('journal_mode = wal');
        const oracle = new Database(file);
        const committed = () => Number(oracle.prepare(`SELECT version FROM "${TABLE}" WHERE id = 1`).pluck().get());
        const watch = watchSqliteVersion(file, TABLE);
        let inTransaction = false;
        try {
          expect(watch.sharedVersion()).toBe(committed());
          for (const next of steps) {
            if (next.kind === 'move-version' && !inTransaction)
              writer.prepare(`UPDATE "${TABLE}" SET version = version + ? WHERE id = 1`).run(next.by);
            if (next.kind === 'write-elsewhere' && !inTransaction) writer.prepare('INSERT INTO other VALUES (?)').run('x');
            if (next.kind === 'open-write' && !inTransaction) {
              writer.exec('BEGIN IMMEDIATE');
              writer.prepare(`UPDATE "${TABLE}" SET version = version + ? WHERE id = 1`).run(next.by);
              inTransaction = true;
            }
            if ((next.kind === 'commit' || next.kind === 'roll-back') && inTransaction) {
              writer.exec(next.kind === 'commit' ? 'COMMIT' : 'ROLLBACK');
              inTransaction = false;
            }
            if (next.kind === 'to-wal' && !inTransaction) writer.pragma('journal_mode = wal');
            expect(watch.sharedVersion()).toBe(committed());
            expect(watch.sharedVersion()).toBe(committed());
          }
        } finally {
          if (inTransaction) writer.exec('ROLLBACK');
          watch.close();
          oracle.close();
          writer.close();
        }
      }),
      { numRuns: 80 }
    );
  });
});
