import { parseDigestQuery } from '../../../src/plugins/distribution/server/digest/digestQuery';
import { zonedMidnight } from '../../../src/lib/clock/zonedTime';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const errorPath = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { details?: { errors?: Array<{ path: string[] }> } }).details?.errors?.[0]?.path.join('.');
  }
  return undefined;
};

describe('parseDigestQuery', () => {
  it.each([
    ['2026-11-01', '2026-10-31T23:00:00.000Z'],
    ['2026-07-01', '2026-06-30T22:00:00.000Z'],
    ['2026-11-28T08:00:00+01:00', '2026-11-28T07:00:00.000Z'],
    ['2026-11-28T12:00:00Z', '2026-11-28T12:00:00.000Z'],
  ])('reads since=%s as %s (calendar dates at midnight in Paris)', (since, expected) => {
    expect(parseDigestQuery({ since }, NOW, 'Europe/Paris').since.toISOString()).toBe(expected);
  });

  it('defaults to JSON and accepts html and text', () => {
    expect(parseDigestQuery({ since: '2026-11-01' }, NOW, 'Europe/Paris').format).toBe('json');
    expect(parseDigestQuery({ since: '2026-11-01', format: 'html' }, NOW, 'Europe/Paris').format).toBe('html');
    expect(parseDigestQuery({ since: '2026-11-01', format: 'text' }, NOW, 'Europe/Paris').format).toBe('text');
  });

  it.each([
    [{}, 'since'],
    [{ since: '' }, 'since'],
    [{ since: 'yesterday' }, 'since'],
    [{ since: '2026-02-30' }, 'since'],
    [{ since: '2026-11-28T25:00:00Z' }, 'since'],
    [{ since: ['2026-11-01', '2026-11-02'] }, 'since'],
    [{ since: '2026-11-28T12:00:01Z' }, 'since'],
    [{ since: '2026-11-29' }, 'since'],
    [{ since: '2026-11-01', format: 'pdf' }, 'format'],
    [{ since: '2026-11-01', format: ['html'] }, 'format'],
  ])('refuses %j with a ValidationError naming %s', (query, field) => {
    expect(errorPath(() => parseDigestQuery(query, NOW, 'Europe/Paris'))).toBe(field);
  });
});

describe('zonedMidnight', () => {
  it('is midnight on the wall clock, in and out of summer time', () => {
    expect(zonedMidnight('2026-03-29', 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(zonedMidnight('2026-03-30', 'Europe/Paris').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(zonedMidnight('2026-03-30', 'UTC').toISOString()).toBe('2026-03-30T00:00:00.000Z');
  });

  it('answers a day asked again the same, in each time zone, whatever a caller did with the first answer', () => {
    const first = zonedMidnight('2026-07-14', 'Europe/Paris');
    first.setFullYear(1999);
    expect(zonedMidnight('2026-07-14', 'Europe/Paris').toISOString()).toBe('2026-07-13T22:00:00.000Z');
    expect(zonedMidnight('2026-07-14', 'America/New_York').toISOString()).toBe('2026-07-14T04:00:00.000Z');
    expect(zonedMidnight('2026-07-14', 'Europe/Paris').toISOString()).toBe('2026-07-13T22:00:00.000Z');
  });
});
