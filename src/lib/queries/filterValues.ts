import { BIGINTEGER_RANGE, finiteNumber, fitsBigInteger, fitsInteger, INTEGER_RANGE } from '../validation/numberColumns';
import type { Violation } from '../validation/violation';

/**
 * What a comparison's values must be for the column a field of each type is stored in, so that a
 * filter is answered alike on SQLite and PostgreSQL. SQLite compares any value with any column;
 * PostgreSQL refuses `'x'` for an integer column, 2^31 for a 32-bit one, `LIKE` on a number and a
 * text that is not JSON for a JSON column, and Strapi 5.54.0 casts a number field's values with a
 * plain Error ("Expected a valid Number"): each was a 500 (tests/api/filter-values.test.ts).
 */

/** The type of the `id` column Strapi gives every model, and so of what a relation, component or media field compares. */
export const ID_TYPE = 'increments';

const TEXT_TYPES: ReadonlySet<string> = new Set(['string', 'text', 'richtext', 'email', 'password', 'uid', 'enumeration']);
const JSON_TYPES: ReadonlySet<string> = new Set(['json', 'blocks']);

/** Compared as the column's own type: Strapi casts their values (`CAST_OPERATORS` in @strapi/utils), PostgreSQL binds them to it. */
const TYPED_COMPARISONS: ReadonlySet<string> = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$notIn', '$between', '$not']);
/** `LIKE` on the column itself, which PostgreSQL has for text only; the `i` forms compare `LOWER(CAST(column AS VARCHAR))`. */
const CASE_SENSITIVE_MATCHES: ReadonlySet<string> = new Set(['$contains', '$notContains', '$startsWith', '$endsWith']);
/** What a JSON column takes on both databases: its nullness, and the `i` forms, which compare its text. */
const JSON_COMPARISONS: ReadonlySet<string> = new Set([
  '$null',
  '$notNull',
  '$eqi',
  '$nei',
  '$containsi',
  '$notContainsi',
  '$startsWithi',
  '$endsWithi',
]);

type NumberRule = { accepts: (value: string | number) => boolean; expected: string };

// PostgreSQL's `integer` and `serial`, which Strapi creates for integer fields and ids.
const INTEGER: NumberRule = { accepts: fitsInteger, expected: INTEGER_RANGE };
const NUMBER_RULES: Readonly<Record<string, NumberRule>> = {
  [ID_TYPE]: INTEGER,
  integer: INTEGER,
  biginteger: { accepts: fitsBigInteger, expected: BIGINTEGER_RANGE },
  float: { accepts: finiteNumber, expected: 'a number' },
  decimal: { accepts: finiteNumber, expected: 'a number' },
};

const listOf = (operand: unknown): unknown[] => (Array.isArray(operand) ? (operand as unknown[]) : [operand]);

/** A value as a client's query gives one (qs's texts, GraphQL's scalars); server code's Dates and subqueries are not checked. */
const isClientValue = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * What is wrong with comparing a field of `type` (an attribute's type, or `ID_TYPE`; undefined where
 * the schema cannot say) by `operator` with `operand`, whose shape is already checked: each naming
 * where, down to the item of a list.
 */
export const comparisonValueViolations = (type: string | undefined, operator: string, operand: unknown, path: string[]): Violation[] => {
  if (type === undefined) return [];
  const at = path.join('.');
  if (JSON_TYPES.has(type)) {
    if (JSON_COMPARISONS.has(operator) || !listOf(operand).some(isClientValue)) return [];
    return [
      { path, message: `${at}: a JSON field is compared as text (with $containsi, $eqi and the other i forms) or with $null and $notNull` },
    ];
  }
  if (CASE_SENSITIVE_MATCHES.has(operator) && !TEXT_TYPES.has(type))
    return [{ path, message: `${at}: ${operator} matches text, and this field is not text; ${operator}i compares it as text` }];
  const rule = NUMBER_RULES[type];
  if (!rule || !TYPED_COMPARISONS.has(operator)) return [];
  return listOf(operand).flatMap((value, index) => {
    if ((typeof value !== 'string' && typeof value !== 'number') || rule.accepts(value)) return [];
    const where = Array.isArray(operand) ? [...path, String(index)] : path;
    return [{ path: where, message: `${where.join('.')}: ${rule.expected}` }];
  });
};
