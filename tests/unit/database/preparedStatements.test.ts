import { keepPreparedStatements, STATEMENTS_KEPT } from '../../../src/lib/database/preparedStatements';

type Statement = { all(...bindings: unknown[]): unknown[]; run(...bindings: unknown[]): unknown };
type SqliteDatabase = { prepare(sql: string): Statement; exec(sql: string): void; close(): void };
const Database = require('better-sqlite3') as new (file: string) => SqliteDatabase;

/** The statement cache that config/database.ts gives every SQLite connection of the pool. */
describe('keepPreparedStatements', () => {
  let db: SqliteDatabase;
  beforeEach(() => {
    db = keepPreparedStatements(new Database(':memory:'));
    db.exec('CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT)');
    db.prepare('INSERT INTO articles (title) VALUES (?)').run('DéClics');
  });
  afterEach(() => db.close());

  it('gives the same statement for the same SQL, and answers as a fresh one would', () => {
    const sql = 'SELECT id, title FROM articles WHERE id = ?';
    expect(db.prepare(sql)).toBe(db.prepare(sql));
    expect(db.prepare(sql).all(1)).toEqual([{ id: 1, title: 'DéClics' }]);
    expect(db.prepare(sql).all(2)).toEqual([]);
  });

  it('reads the schema as it is now: a kept statement is prepared again after a change', () => {
    const all = 'SELECT * FROM articles';
    expect(db.prepare(all).all()).toEqual([{ id: 1, title: 'DéClics' }]);
    db.prepare('ALTER TABLE articles ADD COLUMN slug TEXT').run();
    db.prepare("UPDATE articles SET slug = 'declics'").run();
    expect(db.prepare(all).all()).toEqual([{ id: 1, title: 'DéClics', slug: 'declics' }]);
    db.prepare('DROP TABLE articles').run();
    expect(() => db.prepare(all).all()).toThrow(/no such table/);
  });

  it('keeps no statement that fails to prepare', () => {
    expect(() => db.prepare('SELECT * FROM partners')).toThrow(/no such table/);
    db.exec('CREATE TABLE partners (name TEXT)');
    expect(db.prepare('SELECT * FROM partners').all()).toEqual([]);
  });

  it('keeps at most STATEMENTS_KEPT statements, the most recently used', () => {
    const first = db.prepare('SELECT 0');
    for (let n = 1; n <= STATEMENTS_KEPT; n += 1) db.prepare(`SELECT ${n}`);
    expect(db.prepare(`SELECT ${STATEMENTS_KEPT}`)).toBe(db.prepare(`SELECT ${STATEMENTS_KEPT}`));
    expect(db.prepare('SELECT 0')).not.toBe(first);
  });
});
