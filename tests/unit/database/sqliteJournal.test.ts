import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSqliteSynchronous, useWriteAheadLog } from '../../../src/lib/database/sqliteJournal';

type SqliteDatabase = {
  pragma(source: string, options?: { simple: true }): unknown;
  prepare(sql: string): { run(...bindings: unknown[]): unknown; pluck(): { all(): unknown[] } };
  exec(sql: string): void;
  close(): void;
};
const Database = require('better-sqlite3') as new (file: string, options?: { readonly: boolean }) => SqliteDatabase;

describe('SQLite journal', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-journal-'));
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it.each([
    ['full', 2],
    ['normal', 1],
  ] as const)('writes ahead to a log with synchronous = %s, and another connection reads each commit', (mode, level) => {
    const file = path.join(directory, `${mode}.db`);
    const writer = useWriteAheadLog(new Database(file), mode);
    const reader = new Database(file, { readonly: true });
    try {
      expect(writer.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(writer.pragma('synchronous', { simple: true })).toBe(level);
      writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
      writer.prepare('INSERT INTO t (v) VALUES (?)').run('déclic');
      expect(reader.prepare('SELECT v FROM t').pluck().all()).toEqual(['déclic']);
    } finally {
      reader.close();
      writer.close();
    }
    // Closed, the log is folded into the database file: a copy of the file alone holds everything.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    fs.copyFileSync(file, `${file}.copy`);
    const copy = new Database(`${file}.copy`);
    expect(copy.prepare('SELECT v FROM t').pluck().all()).toEqual(['déclic']);
    copy.close();
  });

  it('accepts full or normal in any case, and names the variable otherwise', () => {
    expect(parseSqliteSynchronous('FULL')).toBe('full');
    expect(parseSqliteSynchronous('normal')).toBe('normal');
    expect(() => parseSqliteSynchronous('off')).toThrow('DATABASE_SQLITE_SYNCHRONOUS must be full or normal, got "off".');
  });
});
