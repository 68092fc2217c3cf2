/**
 * An object as a client's query or a write's body gives one (qs's parse, JSON, GraphQL's input
 * objects). Server code hands the query layer other objects as operands, which it takes (a knex
 * subquery under `$notIn` in public-api's fallback lists, Dates): never walked, never refused.
 */
export const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};
