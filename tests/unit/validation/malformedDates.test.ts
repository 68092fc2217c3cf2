import { findMalformedDates } from '../../../src/lib/validation/malformedDates';

const attributes = {
  startDate: { type: 'date' },
  embargoUntil: { type: 'datetime' },
  launchEvent: { type: 'component', component: 'programme.launch-event' },
  workshops: { type: 'component', component: 'programme.workshop', repeatable: true },
  title: { type: 'string' },
};
const components: Record<string, Record<string, { type: string }>> = {
  'programme.launch-event': { date: { type: 'date' } },
  'programme.workshop': { startsAt: { type: 'datetime' } },
};
const paths = (data: Record<string, unknown>) =>
  findMalformedDates(attributes, data, (uid) => components[uid]).map((v) => v.path.join('.'));

describe('findMalformedDates', () => {
  it.each([
    [{ startDate: '2020-09-28' }, []],
    [{ startDate: null, embargoUntil: undefined }, []],
    [{ startDate: '28/09/2020' }, ['startDate']],
    [{ startDate: '2020-02-30' }, ['startDate']],
    [{ startDate: 20200928 }, ['startDate']],
    [{ embargoUntil: '2030-01-01T08:00:00.000Z' }, []],
    [{ embargoUntil: '2030-01-01T08:00:00+01:00' }, []],
    [{ embargoUntil: '2030-01-01' }, ['embargoUntil']],
    [{ embargoUntil: 'tomorrow' }, ['embargoUntil']],
    [{ launchEvent: { date: 'lundi' } }, ['launchEvent.date']],
    [{ workshops: [{ startsAt: '2020-09-29T10:00:00Z' }, { startsAt: '10h' }] }, ['workshops.1.startsAt']],
    [{ title: 'not a date, and that is fine' }, []],
  ])('%j → %j', (data, expected) => {
    expect(paths(data)).toEqual(expected);
  });
});
