const time = (value: unknown): number | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const parsed = new Date(value as string).getTime();
  return Number.isNaN(parsed) ? undefined : parsed;
};

/**
 * When the public could first read a published document: the latest of its publication and its
 * time fields (embargo end, schedule; the visibility plugin's `allTimeFieldNames` or a type's own).
 * A release published on Monday under embargo until Wednesday is news on Wednesday, so feeds, the
 * sitemap and the digest date it on Wednesday.
 */
export const visibleSince = (entry: Record<string, unknown>, timeFields: readonly string[]): Date | undefined => {
  const times = [entry.publishedAt, ...timeFields.map((field) => entry[field])].map(time).filter((t): t is number => t !== undefined);
  return times.length > 0 ? new Date(Math.max(...times)) : undefined;
};
