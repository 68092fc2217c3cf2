import { LRUCache } from 'lru-cache';

/** What this needs of a better-sqlite3 statement: what knex uses of it, and what the app's own code reads. */
type Statement = {
  reader: boolean;
  readonly: boolean;
  source: string;
  all(...bindings: unknown[]): unknown;
  get(...bindings: unknown[]): unknown;
  run(...bindings: unknown[]): unknown;
  iterate(...bindings: unknown[]): unknown;
};

/** What this needs of a better-sqlite3 `Database`. */
type PreparingConnection = { prepare(source: string): object };

/** Enough for every statement a public read, a write and the admin panel run, `IN (?, …)` lengths included. */
export const STATEMENTS_KEPT = 1000;

/**
 * The limit values one statement is kept written with, each a statement of its own (page sizes, the
 * search's window): the statements a connection keeps stay under STATEMENTS_KEPT times this.
 */
export const LIMITS_KEPT_PER_STATEMENT = 8;

const isWordCharacter = (character: string) => /[A-Za-z0-9_]/.test(character);

/** A `LIMIT ?` of a statement: its `?`'s position among the statement's parameters, and in its text. */
type LimitPlaceholder = { parameter: number; offset: number };

/**
 * The `?` of each `LIMIT ?` (any case) of `sql`, outside quotes and comments. Undefined when there is
 * none, or when the SQL has numbered or named parameters (`?1`, `:name`, `@name`, `$name`), whose
 * positions this does not follow.
 */
const limitPlaceholders = (sql: string): LimitPlaceholder[] | undefined => {
  const placeholders: LimitPlaceholder[] = [];
  let parameter = 0;
  let lastWord = '';
  for (let at = 0; at < sql.length; at += 1) {
    const character = sql[at];
    const closing = { "'": "'", '"': '"', '`': '`', '[': ']' }[character];
    if (closing) {
      // A quote doubled inside a quoted string or name is part of it: the scan closes and reopens.
      const end = sql.indexOf(closing, at + 1);
      if (end < 0) return undefined;
      at = end;
      lastWord = '';
    } else if (character === '-' && sql[at + 1] === '-') {
      const end = sql.indexOf('\n', at);
      at = end < 0 ? sql.length : end;
    } else if (character === '/' && sql[at + 1] === '*') {
      const end = sql.indexOf('*/', at + 2);
      if (end < 0) return undefined;
      at = end + 1;
    } else if (character === '?') {
      if (/[0-9]/.test(sql[at + 1] ?? '')) return undefined;
      if (lastWord === 'limit') placeholders.push({ parameter, offset: at });
      parameter += 1;
      lastWord = '';
    } else if ((character === ':' || character === '@' || character === '$') && isWordCharacter(sql[at + 1] ?? '')) {
      return undefined;
    } else if (isWordCharacter(character)) {
      let end = at;
      while (end + 1 < sql.length && isWordCharacter(sql[end + 1])) end += 1;
      lastWord = sql.slice(at, end + 1).toLowerCase();
      at = end;
    } else if (!/\s/.test(character)) {
      lastWord = '';
    }
  }
  return placeholders.length > 0 ? placeholders : undefined;
};

/** The positions, among the `?` parameters of `sql`, of those that are a `LIMIT`'s value (see limitPlaceholders). */
export const limitParameters = (sql: string): number[] | undefined => limitPlaceholders(sql)?.map(({ parameter }) => parameter);

/** `sql` with each of its `LIMIT ?` placeholders (in order, as limitPlaceholders found them) replaced by its value. */
const withLimitsWritten = (sql: string, placeholders: LimitPlaceholder[], limits: number[]): string => {
  let written = '';
  let from = 0;
  placeholders.forEach(({ offset }, index) => {
    written += `${sql.slice(from, offset)}${limits[index]}`;
    from = offset + 1;
  });
  return written + sql.slice(from);
};

/**
 * A statement whose SQL has `LIMIT ?`, run for each limit value as the same SQL with that value
 * written in (prepared once per value, kept with this statement, not among the connection's), and the
 * other values bound. A limit that is not an integer is left to the statement as written, which
 * SQLite answers as it always does.
 */
const limitsWrittenIn = (original: Statement, placeholders: LimitPlaceholder[], prepare: (source: string) => Statement): Statement => {
  const positions = placeholders.map(({ parameter }) => parameter);
  const byLimits = new Map<string, Statement>();
  const statementFor = (args: unknown[]): [Statement, unknown[]] => {
    const bindings = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    const limits = positions.map((position) => bindings[position]);
    if (!limits.every((limit) => Number.isSafeInteger(limit))) return [original, args];
    const key = limits.join(',');
    let statement = byLimits.get(key);
    if (statement === undefined) {
      if (byLimits.size >= LIMITS_KEPT_PER_STATEMENT) byLimits.clear();
      statement = prepare(withLimitsWritten(original.source, placeholders, limits as number[]));
      byLimits.set(key, statement);
    }
    return [statement, bindings.filter((_, index) => !positions.includes(index))];
  };
  const running =
    (method: 'all' | 'get' | 'run' | 'iterate') =>
    (...args: unknown[]) => {
      const [statement, bindings] = statementFor(args);
      return statement[method](...bindings);
    };
  return {
    reader: original.reader,
    readonly: original.readonly,
    source: original.source,
    all: running('all'),
    get: running('get'),
    run: running('run'),
    iterate: running('iterate'),
  };
};

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
 *
 * A kept statement was still planned again at every run when its SQL had `LIMIT ?`, as knex writes
 * every limit: SQLite reads a bound limit's value while planning (`sqlite3ExprIsInteger` in expr.c,
 * checked against SQLite 3.53.0), so binding that parameter expires the statement, and its next
 * step prepares it again, whatever the value (a feed's read of 30 rows: 383 µs a run, 227 with the
 * limit written in). Such a statement runs, for each limit value, the same SQL with that value written
 * in, kept with it (up to LIMITS_KEPT_PER_STATEMENT values): the same plan, since the planner saw the
 * value anyway, and the same rows. Such a statement offers what knex uses (and `get`, `iterate`), not
 * better-sqlite3's modes (`raw`, `pluck`, `expand`, `bind`).
 */
export const keepPreparedStatements = <Connection extends PreparingConnection>(connection: Connection): Connection => {
  const prepare = connection.prepare.bind(connection) as (source: string) => Statement;
  const kept = new LRUCache<string, Statement>({ max: STATEMENTS_KEPT });
  const keptStatement = (source: string): Statement => {
    let statement = kept.get(source);
    if (statement === undefined) {
      const original = prepare(source);
      const placeholders = limitPlaceholders(source);
      statement = placeholders ? limitsWrittenIn(original, placeholders, prepare) : original;
      kept.set(source, statement);
    }
    return statement;
  };
  connection.prepare = keptStatement;
  return connection;
};
