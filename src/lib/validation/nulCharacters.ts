import { isPlainObject } from './isPlainObject';
import type { Violation } from './violation';

/** Whether a text holds U+0000, which PostgreSQL's text and JSON cannot hold. */
export const holdsNul = (text: string): boolean => text.includes('\u0000');

/**
 * Every text in `value` that holds U+0000, each naming where: PostgreSQL's text and JSON cannot hold
 * it ("invalid byte sequence for encoding UTF8: 0x00", a 500) while SQLite's can, so reads and writes
 * refuse it on both. Walks plain objects and lists only (server code's subqueries and Dates are not
 * a client's text).
 */
export const nulCharacterViolations = (value: unknown, path: string[]): Violation[] => {
  if (typeof value === 'string')
    return holdsNul(value) ? [{ path, message: `${path.join('.')}: a text without the NUL character (U+0000)` }] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => nulCharacterViolations(item, [...path, String(index)]));
  if (!isPlainObject(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => nulCharacterViolations(item, [...path, key]));
};
