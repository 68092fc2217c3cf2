import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

type Value = string | number;
/** A query's values: strings, numbers, or lists of them (each list's length is part of its shape). */
export type QueryParams = Record<string, Value | Value[]>;

type Slot = { param: string; item?: number } | { constant: unknown };
type Compiled = { sql: string; slots: Slot[] };

const compiledByConnection = new WeakMap<Knex, Map<string, Compiled>>();

/**
 * Values no real parameter takes: numbers from 2^52 (exact, and far above any instant in ms or
 * limit), strings starting with a NUL character (refused in every input, lib/validation/nulCharacters).
 */
const FIRST_NUMBER_MARKER = 2 ** 52;

/** Each list's length and each value's kind: what, besides `shape`, changes the statement's text. */
const paramsShape = (params: QueryParams): string =>
  Object.entries(params)
    .map(([name, value]) => `${name}:${Array.isArray(value) ? `${value.map((item) => typeof item).join('/')}[]` : typeof value}`)
    .join(',');

const compile = (params: QueryParams, build: (params: QueryParams) => Knex.QueryBuilder): Compiled => {
  const markers = new Map<unknown, Slot>();
  let next = 0;
  const mark = (value: Value, slot: Slot): Value => {
    next += 1;
    const marker = typeof value === 'number' ? FIRST_NUMBER_MARKER + next : `\u0000param ${next}`;
    markers.set(marker, slot);
    return marker;
  };
  const marked: QueryParams = {};
  for (const [param, value] of Object.entries(params))
    marked[param] = Array.isArray(value) ? value.map((item, index) => mark(item, { param, item: index })) : mark(value, { param });
  const { sql, bindings } = build(marked).toSQL();
  // knex.raw reads `?` as a value's place and `??` as an identifier's: the text must hold exactly one `?` per value.
  if ((sql.match(/\?/g) ?? []).length !== bindings.length || sql.includes('??'))
    throw new Error(`compiledQuery: the statement's text holds question marks of its own: ${sql}`);
  return { sql, slots: bindings.map((binding) => markers.get(binding) ?? { constant: binding }) };
};

const valuesOf = ({ slots }: Compiled, params: QueryParams): unknown[] =>
  slots.map((slot) => {
    if ('constant' in slot) return slot.constant;
    const value = params[slot.param];
    return slot.item === undefined ? value : (value as Value[])[slot.item];
  });

/**
 * A read built and compiled once per shape, then only bound: knex builds and compiles its statement
 * on every call (about 0.1 ms for a feed's union of three reads, against a few µs to bind it).
 *
 * `build` is called once, with markers in place of the values of `params`; it must depend on nothing
 * but them and what `shape` names (anything else it reads, such as which columns or whether a list
 * is filtered on, belongs in `shape`). Lists' lengths and values' kinds are added to the shape here.
 * With `checkEachUse` (outside production: see `compiledQueryChecks`), every call builds the statement
 * with the real values too and throws if its text or values differ from the compiled one's: a shape
 * that misses something fails the tests that run the read, instead of answering another statement's rows.
 *
 * Resolves to the rows, as a query builder's select would (PostgreSQL's `rows` of its result).
 */
export const compiledQuery = async <Row>(
  connection: Knex,
  shape: string,
  params: QueryParams,
  build: (params: QueryParams) => Knex.QueryBuilder,
  { checkEachUse }: { checkEachUse: boolean }
): Promise<Row[]> => {
  let byShape = compiledByConnection.get(connection);
  if (!byShape) {
    byShape = new Map<string, Compiled>();
    compiledByConnection.set(connection, byShape);
  }
  const key = `${shape}|${paramsShape(params)}`;
  let compiled = byShape.get(key);
  if (!compiled) byShape.set(key, (compiled = compile(params, build)));
  const values = valuesOf(compiled, params);
  if (checkEachUse) {
    const expected = build(params).toSQL();
    const same =
      expected.sql === compiled.sql &&
      expected.bindings.length === values.length &&
      expected.bindings.every((binding, index) => binding === values[index]);
    if (!same)
      throw new Error(`compiledQuery: shape "${shape}" does not determine its statement (${expected.sql} against ${compiled.sql})`);
  }
  const result = (await connection.raw(compiled.sql, values as Knex.RawBinding[])) as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
};

/** Whether compiled queries check each use against the statement built with its values: outside production. */
export const compiledQueryChecks = (environment: string | undefined): { checkEachUse: boolean } => ({
  checkEachUse: environment !== 'production',
});

/** The same, for the environment an app runs in. */
export const compiledQueryChecksOf = (strapi: Core.Strapi): { checkEachUse: boolean } =>
  compiledQueryChecks(strapi.config.get<string>('environment'));
