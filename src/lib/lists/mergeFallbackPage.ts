/**
 * Locale fallback for lists: documents that exist in the requested locale are served in it; the
 * others fall back to the default locale. Pure, so the page arithmetic is tested on its own.
 */
export type Row = { documentId: string; [field: string]: unknown };
export type SortKey = { field: string; order: 'asc' | 'desc' };

export const parseSort = (sort: unknown): SortKey[] => {
  const items = typeof sort === 'string' ? sort.split(',') : Array.isArray(sort) ? (sort as unknown[]) : sort ? [sort] : [];
  return items.flatMap((item): SortKey[] => {
    if (typeof item === 'string') {
      const [field, order] = item.trim().split(':');
      return field ? [{ field, order: order?.toLowerCase() === 'desc' ? 'desc' : 'asc' }] : [];
    }
    if (item && typeof item === 'object') {
      return Object.entries(item as Record<string, unknown>).map(([field, order]) => ({
        field,
        order: String(order).toLowerCase() === 'desc' ? 'desc' : 'asc',
      }));
    }
    return [];
  });
};

/** The sort a fallback list uses: the client's own keys on the type's fields, else document id. */
export const fallbackSortKeys = (sort: unknown): SortKey[] => {
  const keys = parseSort(sort).filter((key) => !key.field.includes('.'));
  return keys.length > 0 ? keys : [{ field: 'documentId', order: 'asc' }];
};

/** Text is compared as the default locale's readers sort it (i18n's default locale, passed by the caller). */
const collatorFor = (locale: string): Intl.Collator => {
  try {
    return new Intl.Collator(locale);
  } catch {
    // A locale code Intl does not parse still sorts, in the runtime's default order.
    return new Intl.Collator();
  }
};

const compareValues = (collator: Intl.Collator, a: unknown, b: unknown): number => {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
};

const compareRows = (keys: SortKey[], collator: Intl.Collator) => (a: Row, b: Row) => {
  for (const { field, order } of keys) {
    const difference = compareValues(collator, a[field], b[field]);
    if (difference !== 0) return order === 'desc' ? -difference : difference;
  }
  return 0;
};

export type FallbackEntry = { documentId: string; locale: string };

/**
 * Merges the rows in the requested locale with those of the default locale (each list in the order
 * the database gave), dropping default-locale rows of documents the requested list has, and cuts
 * the page. A merge rather than a sort: the first `start + limit` entries depend only on the first
 * `start + limit` rows of each list, so each list can be read that far and no further, and pages
 * stay consistent with one another even where the database's collation and ours differ.
 * `total` counts the rows given; with lists cut short, the caller counts in the database.
 */
export const mergeFallbackPage = (
  requestedRows: Row[],
  defaultRows: Row[],
  requestedLocale: string,
  defaultLocale: string,
  sort: SortKey[],
  page: { start: number; limit: number }
): { entries: FallbackEntry[]; total: number } => {
  const inRequested = new Set(requestedRows.map((row) => row.documentId));
  const fallbackRows = defaultRows.filter((row) => !inRequested.has(row.documentId));
  const compare = compareRows(sort.length > 0 ? sort : [{ field: 'documentId', order: 'asc' }], collatorFor(defaultLocale));
  const merged: FallbackEntry[] = [];
  let r = 0;
  let d = 0;
  const end = page.start + page.limit;
  while (merged.length < end && (r < requestedRows.length || d < fallbackRows.length)) {
    // On a tie the requested locale goes first.
    const takeRequested = d >= fallbackRows.length || (r < requestedRows.length && compare(requestedRows[r], fallbackRows[d]) <= 0);
    merged.push(
      takeRequested
        ? { documentId: requestedRows[r++].documentId, locale: requestedLocale }
        : { documentId: fallbackRows[d++].documentId, locale: defaultLocale }
    );
  }
  return { total: requestedRows.length + fallbackRows.length, entries: merged.slice(page.start, end) };
};
