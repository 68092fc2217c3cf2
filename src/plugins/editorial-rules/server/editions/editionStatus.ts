export type EditionStatus = 'upcoming' | 'running' | 'finished';

/** Derived from the dates (inclusive on both ends), never typed in, so it cannot go stale. */
export const editionStatus = (startDate: string, endDate: string, today: string): EditionStatus => {
  if (today < startDate) return 'upcoming';
  if (today > endDate) return 'finished';
  return 'running';
};
