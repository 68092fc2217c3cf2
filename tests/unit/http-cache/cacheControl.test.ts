import { cacheControlFor } from '../../../src/plugins/response-cache/server/http-cache/cacheControl';

const policy = { sMaxAge: 60, staleWhileRevalidate: 300 };
const now = new Date('2031-01-01T12:00:00.000Z');

describe('cacheControlFor', () => {
  it.each([
    [{ authenticated: false, now }, 'public, max-age=0, s-maxage=60, stale-while-revalidate=300'],
    [{ authenticated: true, now }, 'private, no-cache'],
    [{ authenticated: false, now, nextVisibilityChange: new Date('2031-01-01T12:00:42.000Z') }, 'public, max-age=0, s-maxage=42, stale-while-revalidate=300'],
    [{ authenticated: false, now, nextVisibilityChange: new Date('2031-01-01T12:10:00.000Z') }, 'public, max-age=0, s-maxage=60, stale-while-revalidate=300'],
    [{ authenticated: false, now, nextVisibilityChange: new Date('2031-01-01T12:00:00.200Z') }, 'public, max-age=0, s-maxage=1, stale-while-revalidate=300'],
    [{ authenticated: false, now, nextVisibilityChange: now }, 'public, max-age=0, s-maxage=0, stale-while-revalidate=0'],
  ])('%j → %s', (options, expected) => {
    expect(cacheControlFor(policy, options)).toBe(expected);
  });
});
