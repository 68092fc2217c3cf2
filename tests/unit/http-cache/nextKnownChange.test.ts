import fc from 'fast-check';
import type { Core } from '@strapi/strapi';
import { publicAnswersOf } from '../../../src/plugins/response-cache/server/http-cache/publicAnswers';
import { DEFAULT_SETTINGS } from '../../../src/plugins/response-cache/server/settings';

/** A Strapi with one bound service whose instants depend on the content version, counting its calls. */
const fakeStrapi = (instantsOf: (version: string) => number[], current: { version: string }) => {
  let calls = 0;
  const schedule = {
    nextChange: (now: Date) => {
      calls += 1;
      const next = instantsOf(current.version).find((instant) => instant > now.getTime());
      return Promise.resolve(next === undefined ? undefined : new Date(next));
    },
  };
  const config: Record<string, unknown> = {
    'plugin::response-cache': { ...DEFAULT_SETTINGS, maxMb: 0, boundedBy: ['plugin::visibility.schedule'] },
  };
  const strapi = { config: { get: (key: string) => config[key] }, service: () => schedule } as unknown as Core.Strapi;
  return { strapi, calls: () => calls };
};

describe('the next bounded instant, remembered per content version', () => {
  it('always equals asking the bound, whatever the sequence of instants and versions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.constantFrom('1.0', '2.0', '3.0')), { minLength: 1, maxLength: 40 }),
        async (steps) => {
          const instantsOf = (version: string) => ({ '1.0': [10, 50, 90], '2.0': [30], '3.0': [] })[version] ?? [];
          const current = { version: '1.0' };
          const { strapi } = fakeStrapi(instantsOf, current);
          const answers = publicAnswersOf(strapi);
          for (const [time, version] of steps) {
            current.version = version;
            const expected = instantsOf(version).find((instant) => instant > time);
            expect((await answers.nextKnownChange(new Date(time), version))?.getTime()).toBe(expected);
          }
        }
      )
    );
  });

  it('asks the bound once for a run of hits at one version before the instant', async () => {
    const current = { version: '7.0' };
    const { strapi, calls } = fakeStrapi(() => [1000], current);
    const answers = publicAnswersOf(strapi);
    for (let time = 0; time < 1000; time += 50) expect((await answers.nextKnownChange(new Date(time), '7.0'))?.getTime()).toBe(1000);
    expect(calls()).toBe(1);
    expect(await answers.nextKnownChange(new Date(1000), '7.0')).toBeUndefined();
    expect(calls()).toBe(2);
  });
});
