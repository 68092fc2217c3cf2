import fs from 'node:fs';
import path from 'node:path';
import { findMalformedValues, VARCHAR_LENGTH } from '../../../src/lib/validation/malformedValues';

const appDir = path.resolve(__dirname, '..', '..', '..');

const attributes = {
  startDate: { type: 'date' },
  embargoUntil: { type: 'datetime' },
  launchEvent: { type: 'component', component: 'programme.launch-event' },
  workshops: { type: 'component', component: 'programme.workshop', repeatable: true },
  title: { type: 'string' },
  number: { type: 'integer' },
  views: { type: 'biginteger' },
  figures: { type: 'component', component: 'programme.outcome-figure', repeatable: true },
};
const components: Record<string, Record<string, { type: string }>> = {
  'programme.launch-event': { date: { type: 'date' } },
  'programme.workshop': { startsAt: { type: 'datetime' }, title: { type: 'string' } },
  'programme.outcome-figure': { value: { type: 'decimal' } },
};
const paths = (data: Record<string, unknown>) =>
  findMalformedValues(attributes, data, (uid) => components[uid]).map((v) => v.path.join('.'));

describe('findMalformedValues', () => {
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
    // PostgreSQL's varchar(255) counts characters: 255 emoji fit, 256 letters do not.
    [{ title: '😀'.repeat(255) }, []],
    [{ title: 'a'.repeat(256) }, ['title']],
    [{ workshops: [{ title: 'a'.repeat(255) }, { title: 'é'.repeat(256) }] }, ['workshops.1.title']],
    // PostgreSQL's integer, bigint and decimal(10, 2) columns.
    [{ number: 2147483647, views: '9223372036854775807' }, []],
    [{ number: -2147483648, views: -5 }, []],
    [{ number: 2147483648 }, ['number']],
    [{ number: -1.7626416651741284e104 }, ['number']],
    [{ views: '9223372036854775808' }, ['views']],
    [{ figures: [{ value: 99999999.99 }, { value: '-99999999.994' }] }, []],
    [{ figures: [{ value: 99999999.995 }, { value: 1e9 }] }, ['figures.0.value', 'figures.1.value']],
  ])('%j → %j', (data, expected) => {
    expect(paths(data)).toEqual(expected);
  });
});

describe('the schemas against their columns', () => {
  // Every schema, so that a new field is held to it: a maxLength above what the column holds would let
  // the admin accept a text that the write then refuses.
  const within = (directory: string) => fs.readdirSync(path.join(appDir, directory)).map((name) => path.join(directory, name));
  const schemas = [
    ...within('src/api').flatMap((api) => within(path.join(api, 'content-types')).map((type) => path.join(type, 'schema.json'))),
    ...within('src/components').flatMap(within),
  ].filter((file) => file.endsWith('.json') && fs.existsSync(path.join(appDir, file)));

  it('declares no maxLength beyond the 255 characters of a varchar column', () => {
    expect(schemas.length).toBeGreaterThanOrEqual(19);
    const beyond = schemas.flatMap((file) => {
      const { attributes } = JSON.parse(fs.readFileSync(path.join(appDir, file), 'utf8')) as {
        attributes: Record<string, { type: string; maxLength?: number }>;
      };
      return Object.entries(attributes)
        .filter(([, attribute]) => ['string', 'email', 'uid', 'password', 'enumeration'].includes(attribute.type))
        .filter(([, attribute]) => (attribute.maxLength ?? 0) > VARCHAR_LENGTH)
        .map(([name, attribute]) => `${file}: ${name} (${attribute.maxLength})`);
    });
    expect(beyond).toEqual([]);
  });
});
