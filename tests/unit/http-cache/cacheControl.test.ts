import fc from 'fast-check';
import { cacheControlFor } from '../../../src/plugins/response-cache/server/http-cache/cacheControl';

const policy = { sMaxAge: 60, staleWhileRevalidate: 300 };
const now = new Date('2031-01-01T12:00:00.000Z');
const at = (time: string) => new Date(`2031-01-01T${time}Z`);

describe('cacheControlFor', () => {
  it.each([
    [{ authenticated: false, now }, 'public, max-age=0, s-maxage=60, stale-while-revalidate=300'],
    [{ authenticated: true, now }, 'private, no-cache'],
    // The stale window never reaches past the next visibility instant either.
    [{ authenticated: false, now, nextVisibilityChange: at('12:00:42.000') }, 'public, max-age=0, s-maxage=42, stale-while-revalidate=0'],
    [{ authenticated: false, now, nextVisibilityChange: at('12:03:00.000') }, 'public, max-age=0, s-maxage=60, stale-while-revalidate=120'],
    [{ authenticated: false, now, nextVisibilityChange: at('12:10:00.000') }, 'public, max-age=0, s-maxage=60, stale-while-revalidate=300'],
    [{ authenticated: false, now, nextVisibilityChange: at('12:00:00.200') }, 'public, max-age=0, s-maxage=0, stale-while-revalidate=0'],
    [{ authenticated: false, now, nextVisibilityChange: at('12:00:01.900') }, 'public, max-age=0, s-maxage=1, stale-while-revalidate=0'],
    [{ authenticated: false, now, nextVisibilityChange: at('12:01:00.500') }, 'public, max-age=0, s-maxage=60, stale-while-revalidate=0'],
    [{ authenticated: false, now, nextVisibilityChange: now }, 'public, max-age=0, s-maxage=0, stale-while-revalidate=0'],
  ])('%j → %s', (options, expected) => {
    expect(cacheControlFor(policy, options)).toBe(expected);
  });

  it.each([
    [undefined, 'public, max-age=0, s-maxage=60, stale-while-revalidate=300, stale-if-error=3600'],
    [at('12:30:00.000'), 'public, max-age=0, s-maxage=60, stale-while-revalidate=300, stale-if-error=1740'],
    [at('12:00:30.000'), 'public, max-age=0, s-maxage=30, stale-while-revalidate=0, stale-if-error=0'],
  ])('stale-if-error is cut at the next instant too (%s)', (nextVisibilityChange, expected) => {
    expect(cacheControlFor({ ...policy, staleIfError: 3600 }, { authenticated: false, now, nextVisibilityChange })).toBe(expected);
  });

  it('never lets a shared cache keep an answer, fresh or stale, past the next instant (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 600_000 }),
        fc.nat(600),
        fc.nat(600),
        fc.nat(7200),
        (offset, sMaxAge, staleWhileRevalidate, staleIfError) => {
          const header = cacheControlFor(
            { sMaxAge, staleWhileRevalidate, staleIfError },
            { authenticated: false, now, nextVisibilityChange: new Date(now.getTime() + offset) }
          );
          const seconds = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(header)?.[1] ?? 0);
          const fresh = seconds('s-maxage') * 1000;
          // Neither fresh nor stale after the instant.
          expect(fresh).toBeLessThanOrEqual(offset);
          for (const stale of ['stale-while-revalidate', 'stale-if-error'])
            expect(seconds(stale) === 0 || fresh + seconds(stale) * 1000 <= offset).toBe(true);
        }
      )
    );
  });
});
