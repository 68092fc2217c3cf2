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

const compareValues = (a: unknown, b: unknown): number => {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'fr');
};

export type FallbackEntry = { documentId: string; locale: string };

export const mergeFallbackPage = (
  requestedRows: Row[],
  defaultRows: Row[],
  requestedLocale: string,
  defaultLocale: string,
  sort: SortKey[],
  page: { start: number; limit: number }
): { entries: FallbackEntry[]; total: number } => {
  const inRequested = new Set(requestedRows.map((row) => row.documentId));
  const merged = [
    ...requestedRows.map((row) => ({ row, locale: requestedLocale })),
    ...defaultRows.filter((row) => !inRequested.has(row.documentId)).map((row) => ({ row, locale: defaultLocale })),
  ];
  const keys = sort.length > 0 ? sort : [{ field: 'documentId', order: 'asc' as const }];
  merged.sort((a, b) => {
    for (const { field, order } of keys) {
      const difference = compareValues(a.row[field], b.row[field]);
      if (difference !== 0) return order === 'desc' ? -difference : difference;
    }
    return 0;
  });
  return {
    total: merged.length,
    entries: merged.slice(page.start, page.start + page.limit).map(({ row, locale }) => ({ documentId: row.documentId, locale })),
  };
};
