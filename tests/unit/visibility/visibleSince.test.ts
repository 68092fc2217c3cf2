import { visibleSince } from '../../../src/lib/visibility/visibleSince';

describe('visibleSince', () => {
  it.each([
    [{ publishedAt: '2026-11-02T09:00:00.000Z' }, '2026-11-02T09:00:00.000Z'],
    [{ publishedAt: '2026-11-02T09:00:00.000Z', embargoUntil: '2026-11-04T07:00:00.000Z' }, '2026-11-04T07:00:00.000Z'],
    [{ publishedAt: '2026-11-05T09:00:00.000Z', embargoUntil: '2026-11-04T07:00:00.000Z' }, '2026-11-05T09:00:00.000Z'],
    [{ publishedAt: '2026-11-02T09:00:00.000Z', embargoUntil: null, visibleFrom: '2026-11-10T00:00:00.000Z' }, '2026-11-10T00:00:00.000Z'],
    [{ publishedAt: '2026-11-02T09:00:00.000Z', embargoUntil: 'not a date' }, '2026-11-02T09:00:00.000Z'],
  ])('%j became public at %s', (entry, expected) => {
    expect(visibleSince(entry, ['embargoUntil', 'visibleFrom'])?.toISOString()).toBe(expected);
  });

  it('is undefined for a document never published', () => {
    expect(visibleSince({ publishedAt: null }, ['embargoUntil'])).toBeUndefined();
  });
});
