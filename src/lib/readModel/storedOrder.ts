import type { StoredWindowOrder } from './storedReads';

const SORTS: Record<string, StoredWindowOrder> = {
  publishedAt: 'publishedAt:asc',
  'publishedAt:asc': 'publishedAt:asc',
  'publishedAt:desc': 'publishedAt:desc',
};

/**
 * The stored order a list's `sort` asks for, as REST's query string and GraphQL's argument give it
 * (a string, or a list of one): none is Strapi's default order, `publishedAt` either way the
 * publication order; undefined for any other sort, which the Document Service answers.
 */
export const storedOrderOf = (sort: unknown): StoredWindowOrder | undefined => {
  if (sort === undefined || (Array.isArray(sort) && sort.length === 0)) return 'default';
  const only: unknown = Array.isArray(sort) && sort.length === 1 ? sort[0] : sort;
  return typeof only === 'string' && Object.hasOwn(SORTS, only) ? SORTS[only] : undefined;
};
