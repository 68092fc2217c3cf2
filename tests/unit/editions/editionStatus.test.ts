import { editionStatus } from '../../../src/plugins/editorial-rules/server/editions/editionStatus';

describe('editionStatus', () => {
  it.each([
    ['2020-09-27', 'upcoming'],
    ['2020-09-28', 'running'],
    ['2020-10-01', 'running'],
    ['2020-10-05', 'running'],
    ['2020-10-06', 'finished'],
  ])('on %s the 28 Sept–5 Oct edition is %s', (today, status) => {
    expect(editionStatus('2020-09-28', '2020-10-05', today)).toBe(status);
  });
});
