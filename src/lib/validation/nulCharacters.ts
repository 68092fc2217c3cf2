import type { Violation } from './violation';

const NUL = '\u0000';

/**
 * Every text in `value` that holds U+0000, each naming where: PostgreSQL's text and JSON cannot hold
 * it ("invalid byte sequence for encoding UTF8: 0x00", a 500) while SQLite's can, so reads and writes
 * refuse it on both. Walks plain objects and lists only (server code's subqueries and Dates are not
 * a client's text).
 */
export const nulCharacterViolations = (value: unknown, path: string[]): Violation[] => {
  if (typeof value === 'string')
    return value.includes(NUL) ? [{ path, message: `${path.join('.')}: a text without the NUL character (U+0000)` }] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => nulCharacterViolations(item, [...path, String(index)]));
  if (typeof value !== 'object' || value === null) return [];
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return [];
  return Object.entries(value).flatMap(([key, item]) => nulCharacterViolations(item, [...path, key]));
};
