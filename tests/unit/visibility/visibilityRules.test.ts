import { embargoState, isVisibleAt, visibilityFilter, PUBLIC_READER } from '../../../src/plugins/visibility/server/visibilityRules';

// A type's time fields, as the plugin's configuration gives them (settings.timeFieldsOf).
const article = { embargo: 'embargoUntil', schedule: 'visibleFrom' };
const partner = { schedule: 'visibleFrom' };
const JOURNALIST = { canReadEmbargoed: true, canReadDrafts: false };
const NOW = new Date('2031-03-02T08:00:00.000Z');

describe('isVisibleAt', () => {
  it.each([
    ['no dates', {}, PUBLIC_READER, true],
    ['embargo one second later', { embargoUntil: '2031-03-02T08:00:01.000Z' }, PUBLIC_READER, false],
    ['embargo at this very instant', { embargoUntil: '2031-03-02T08:00:00.000Z' }, PUBLIC_READER, true],
    ['embargo expressed with an offset, already over', { embargoUntil: '2031-03-02T08:59:00+01:00' }, PUBLIC_READER, true],
    ['embargo in the future, journalist', { embargoUntil: '2031-03-03T00:00:00.000Z' }, JOURNALIST, true],
    ['schedule in the future', { visibleFrom: '2031-03-02T08:00:01.000Z' }, PUBLIC_READER, false],
    ['schedule in the future, journalist', { visibleFrom: '2031-03-02T08:00:01.000Z' }, JOURNALIST, false],
    [
      'embargo over but schedule later',
      { embargoUntil: '2031-03-01T00:00:00Z', visibleFrom: '2031-03-05T00:00:00Z' },
      PUBLIC_READER,
      false,
    ],
    ['null dates', { embargoUntil: null, visibleFrom: null }, PUBLIC_READER, true],
  ])('%s → %s', (_label, entry, access, expected) => {
    expect(isVisibleAt(article, entry, NOW, access)).toBe(expected);
  });
});

describe('visibilityFilter', () => {
  it('combines schedule and embargo for the public', () => {
    expect(visibilityFilter(article, NOW, PUBLIC_READER)).toEqual({
      $and: [
        { $or: [{ visibleFrom: { $null: true } }, { visibleFrom: { $lte: '2031-03-02T08:00:00.000Z' } }] },
        { $or: [{ embargoUntil: { $null: true } }, { embargoUntil: { $lte: '2031-03-02T08:00:00.000Z' } }] },
      ],
    });
  });
  it('leaves out the embargo for journalists, and types without an embargo', () => {
    expect(visibilityFilter(article, NOW, JOURNALIST)).toEqual({
      $or: [{ visibleFrom: { $null: true } }, { visibleFrom: { $lte: '2031-03-02T08:00:00.000Z' } }],
    });
    expect(visibilityFilter(partner, NOW, PUBLIC_READER)).toEqual(visibilityFilter(partner, NOW, JOURNALIST));
  });
  it('is undefined for a type with no time rule', () => {
    expect(visibilityFilter({}, NOW, PUBLIC_READER)).toBeUndefined();
  });
});

describe('embargoState', () => {
  it.each([
    [{ embargoUntil: null }, undefined],
    [{ embargoUntil: '2031-03-02T09:00:00+01:00' }, { until: '2031-03-02T08:00:00.000Z', active: false }],
    [{ embargoUntil: '2031-03-02T08:00:00.001Z' }, { until: '2031-03-02T08:00:00.001Z', active: true }],
  ])('%j → %j', (entry, expected) => {
    expect(embargoState(entry, NOW, 'embargoUntil')).toEqual(expected);
  });
});
