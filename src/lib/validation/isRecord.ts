/** A JSON-like object (a parsed query's `filters`, GraphQL arguments, a blocks node): not null, not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
