import fc from 'fast-check';
import {
  keepPreparedStatements,
  limitParameters,
  LIMITS_KEPT_PER_STATEMENT,
  STATEMENTS_KEPT,
} from '../../../src/lib/database/preparedStatements';

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

describe('limitParameters', () => {
  it('finds the parameters that are a LIMIT, as knex and the search write them', () => {
    expect(limitParameters('select `id` from `articles` where `locale` = ? order by `id` asc limit ?')).toEqual([1]);
    expect(limitParameters('select * from a where b = ? limit ? offset ?')).toEqual([1]);
    expect(
      limitParameters('WITH r AS (SELECT id FROM t WHERE t MATCH ? ORDER BY id DESC LIMIT ?) SELECT * FROM r LIMIT ? OFFSET ?')
    ).toEqual([1, 2]);
    expect(limitParameters('select * from a limit\n  ?')).toEqual([0]);
  });

  it('leaves quoted text, names and comments alone, and statements without a LIMIT parameter', () => {
    expect(limitParameters("select 'limit ?' as a, ? as b from t limit ?")).toEqual([1]);
    expect(limitParameters('select "limit" from t where "limit" = ? limit ?')).toEqual([1]);
    expect(limitParameters("select 'it''s ?' from t where a = ? limit ?")).toEqual([1]);
    expect(limitParameters('select a from t -- limit ?\n where b = ? limit ?')).toEqual([1]);
    expect(limitParameters('select a /* limit ? */ from t where b = ? limit ?')).toEqual([1]);
    expect(limitParameters('select a from t where b = ? limit 10')).toBeUndefined();
    expect(limitParameters('select a from t where unlimit = ?')).toBeUndefined();
  });

  it('gives up on numbered and named parameters, and on unclosed quotes', () => {
    expect(limitParameters('select a from t where b = ?1 limit ?2')).toBeUndefined();
    expect(limitParameters('select a from t where b = :b limit ?')).toBeUndefined();
    expect(limitParameters('select a from t where b = @b limit ?')).toBeUndefined();
    expect(limitParameters('select a from t where b = $b limit ?')).toBeUndefined();
    expect(limitParameters("select 'a from t limit ?")).toBeUndefined();
  });
});

describe('keepPreparedStatements with LIMIT ?', () => {
  type Row = { id: number; title: string };
  const open = (kept: boolean) => {
    const plain = new Database(':memory:');
    const db = kept ? keepPreparedStatements(plain) : plain;
    db.exec("CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, body TEXT DEFAULT 'limit ?')");
    return db;
  };

  it('runs the statement with the limit written in, prepared once per value', () => {
    const plain = new Database(':memory:');
    plain.exec('CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT)');
    const prepared: string[] = [];
    const prepare = plain.prepare.bind(plain);
    plain.prepare = (sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    };
    const db = keepPreparedStatements(plain);
    const sql = 'SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ? OFFSET ?';
    db.prepare(sql).all([0, 7, 0]);
    db.prepare(sql).all([0, 7, 2]);
    db.prepare(sql).all(0, 3, 0);
    expect(prepared).toEqual([sql, sql.replace('LIMIT ?', 'LIMIT 7'), sql.replace('LIMIT ?', 'LIMIT 3')]);
  });

  it('answers get, iterate and run as a statement prepared afresh', () => {
    const [kept, fresh] = [open(true), open(false)];
    for (const db of [kept, fresh]) for (const title of ['a', 'b', 'c']) db.prepare('INSERT INTO articles (title) VALUES (?)').run(title);
    type Full = { get(...b: unknown[]): unknown; iterate(...b: unknown[]): Iterable<unknown> };
    const read = 'SELECT id, title FROM articles WHERE id > ? ORDER BY id DESC LIMIT ?';
    for (const db of [kept, fresh]) {
      expect((db.prepare(read) as unknown as Full).get(0, 2)).toEqual({ id: 3, title: 'c' });
      expect([...(db.prepare(read) as unknown as Full).iterate([0, 2])]).toEqual([
        { id: 3, title: 'c' },
        { id: 2, title: 'b' },
      ]);
    }
    const write = 'DELETE FROM articles WHERE id IN (SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?)';
    expect(kept.prepare(write).run(0, 2)).toEqual(fresh.prepare(write).run(0, 2));
    expect(kept.prepare('SELECT id FROM articles').all()).toEqual([{ id: 3 }]);
    kept.close();
    fresh.close();
  });

  it('answers for more limit values than it keeps statements for', () => {
    const db = open(true);
    for (let n = 0; n < 20; n += 1) db.prepare('INSERT INTO articles (title) VALUES (?)').run(`t${n}`);
    const sql = 'SELECT id FROM articles ORDER BY id LIMIT ?';
    for (let round = 0; round < 2; round += 1)
      for (let limit = 0; limit <= LIMITS_KEPT_PER_STATEMENT * 2; limit += 1) expect(db.prepare(sql).all([limit])).toHaveLength(limit);
    db.close();
  });

  it('answers as a statement prepared afresh, for any rows, limits and offsets (differential)', () => {
    const shapes = [
      'SELECT id, title FROM articles WHERE id > ? ORDER BY id DESC LIMIT ?',
      'SELECT id, title FROM articles WHERE title >= ? ORDER BY title, id LIMIT ? OFFSET ?',
      "SELECT id FROM (SELECT id FROM articles WHERE body = 'limit ?' ORDER BY id LIMIT ?) WHERE id > ? LIMIT ?",
      'SELECT count(*) AS n FROM (SELECT id FROM articles LIMIT ?)',
      'UPDATE articles SET title = ? WHERE id IN (SELECT id FROM articles ORDER BY id LIMIT ?) RETURNING id',
    ];
    const limit = fc.oneof(
      fc.integer({ min: -2, max: 40 }),
      fc.constantFrom(2.5, '3', null, Number.MAX_SAFE_INTEGER + 2, 2 ** 40),
      fc.string({ maxLength: 2 })
    );
    const answer = (db: SqliteDatabase, sql: string, bindings: unknown[]) => {
      try {
        return { rows: db.prepare(sql).all(bindings) };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 3 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: shapes.length - 1 }),
        fc.array(fc.oneof(limit, fc.string({ maxLength: 2 }), fc.integer({ min: -1, max: 30 })), { minLength: 4, maxLength: 4 }),
        (titles, shape, values) => {
          const [kept, fresh] = [open(true), open(false)];
          for (const db of [kept, fresh]) for (const title of titles) db.prepare('INSERT INTO articles (title) VALUES (?)').run(title);
          const sql = shapes[shape];
          const bindings = values.slice(0, sql.split('?').length - 1 - (sql.match(/'limit \?'/g)?.length ?? 0));
          // The same statement twice: the second run takes the kept one.
          for (let run = 0; run < 2; run += 1) expect(answer(kept, sql, bindings)).toEqual(answer(fresh, sql, bindings));
          expect(kept.prepare('SELECT id, title FROM articles ORDER BY id').all()).toEqual(
            fresh.prepare('SELECT id, title FROM articles ORDER BY id').all() as Row[]
          );
          kept.close();
          fresh.close();
        }
      ),
      { numRuns: 300 }
    );
  });
});
