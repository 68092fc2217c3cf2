import { isRecord } from '../validation/isRecord';
import { holdsNul } from '../validation/nulCharacters';

/** A filter the stored rows answer: one field they keep as a column, equal to a value. */
export type StoredFilter = { field: 'slug' | 'kind'; value: string };

const givenKeys = (value: Record<string, unknown>): string[] => Object.keys(value).filter((key) => value[key] !== undefined);

/**
 * The filter of `filters[slug][$eq]=…` in REST or `filters: { slug: { eq: "…" } }` in GraphQL (how a
 * site asks its page's document), or the same on `kind` (a press room's releases), and nothing else:
 * undefined for any other filter. `equals` is how the API names equality (REST `$eq`, GraphQL `eq`).
 * Whether the type has the field, and the kind is one of its enumeration's, is the caller's to check.
 */
export const storedFilterOf = (filters: unknown, equals: '$eq' | 'eq'): StoredFilter | undefined => {
  if (!isRecord(filters)) return undefined;
  const [field, ...others] = givenKeys(filters);
  if (others.length > 0 || (field !== 'slug' && field !== 'kind')) return undefined;
  const condition = filters[field];
  if (!isRecord(condition) || givenKeys(condition).join() !== equals) return undefined;
  const value = condition[equals];
  // A text PostgreSQL cannot hold (U+0000) goes the Document Service's way, which refuses it with a 400.
  return typeof value === 'string' && !holdsNul(value) ? { field, value } : undefined;
};
