import { BIGINTEGER_RANGE, DECIMAL_RANGE, fitsBigInteger, fitsDecimal, fitsInteger, INTEGER_RANGE } from './numberColumns';
import type { Violation } from './violation';

type Attribute = { type: string; component?: unknown; repeatable?: unknown };
type Attributes = Record<string, Attribute>;
export type ComponentAttributes = (componentUid: string) => Attributes | undefined;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

const isRealDate = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

const EXPECTED: Record<string, { test: (value: string) => boolean; format: string }> = {
  date: { test: (v) => DATE.test(v) && isRealDate(v), format: 'YYYY-MM-DD' },
  datetime: {
    test: (v) => DATETIME.test(v) && !Number.isNaN(Date.parse(v)),
    format: 'an ISO 8601 date and time with its offset, e.g. 2026-03-02T09:00:00+01:00',
  },
  time: { test: (v) => TIME.test(v), format: 'HH:mm or HH:mm:ss' },
};

/**
 * The types Strapi stores in `varchar(255)` on PostgreSQL, which refuses a longer text (a 500) where
 * SQLite stores it (and a backup of it could not be restored onto PostgreSQL). PostgreSQL counts
 * characters (code points), as `[...text]` does.
 */
const VARCHAR_TYPES: ReadonlySet<string> = new Set(['string', 'email', 'uid', 'password', 'enumeration']);
export const VARCHAR_LENGTH = 255;

const tooLong = (value: unknown): boolean =>
  typeof value === 'string' &&
  value.length > VARCHAR_LENGTH &&
  // Code points, which is what PostgreSQL counts (not graphemes: an emoji of two code points is two there).
  // eslint-disable-next-line @typescript-eslint/no-misused-spread
  [...value].length > VARCHAR_LENGTH;

/** Numbers beyond what their PostgreSQL column holds (numberColumns.ts): `number: -1.7e104` for an integer was a 500 there. */
const NUMBER_COLUMNS: Readonly<Record<string, { fits: (value: string | number) => boolean; expected: string }>> = {
  integer: { fits: fitsInteger, expected: INTEGER_RANGE },
  biginteger: { fits: fitsBigInteger, expected: BIGINTEGER_RANGE },
  decimal: { fits: fitsDecimal, expected: DECIMAL_RANGE },
};

/**
 * Dates Strapi cannot parse reach the database layer, whose error names no field; checking them
 * first lets the answer say which field is wrong and what format it expects. So do texts longer than
 * their column holds, and numbers beyond their column's range.
 */
export const findMalformedValues = (
  attributes: Attributes,
  data: Record<string, unknown>,
  componentAttributes: ComponentAttributes,
  path: string[] = []
): Violation[] =>
  Object.entries(data).flatMap(([field, value]) => {
    const attribute = attributes[field];
    if (!attribute || value === null || value === undefined) return [];
    const expected = EXPECTED[attribute.type];
    if (expected) {
      return typeof value === 'string' && expected.test(value)
        ? []
        : [
            {
              path: [...path, field],
              message: `${[...path, field].join('.')}: "${String(value)}" is not a valid ${attribute.type}, expected ${expected.format}`,
            },
          ];
    }
    const column = NUMBER_COLUMNS[attribute.type];
    if (column && (typeof value === 'number' || typeof value === 'string') && !column.fits(value)) {
      const at = [...path, field];
      return [{ path: at, message: `${at.join('.')}: ${column.expected}, what its database column holds` }];
    }
    if (VARCHAR_TYPES.has(attribute.type) && tooLong(value)) {
      const at = [...path, field];
      return [{ path: at, message: `${at.join('.')}: at most ${VARCHAR_LENGTH} characters, the size of its database column` }];
    }
    if (attribute.type === 'component' && typeof attribute.component === 'string') {
      const nested = componentAttributes(attribute.component);
      if (!nested) return [];
      const items = Array.isArray(value)
        ? value.map((item, i) => [item, [...path, field, String(i)]] as const)
        : [[value, [...path, field]] as const];
      return items.flatMap(([item, itemPath]) =>
        item && typeof item === 'object'
          ? findMalformedValues(nested, item as Record<string, unknown>, componentAttributes, [...itemPath])
          : []
      );
    }
    return [];
  });
