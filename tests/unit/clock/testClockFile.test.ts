import { readTestClock, testClockFile } from '../../../src/lib/clock/testClockFile';

const FILE = '/tmp/clock';
const reading = (content: string | undefined) => () => content;

describe('the test-only clock file', () => {
  it.each([
    ['no variable', { NODE_ENV: 'test' }, undefined],
    ['empty variable', { NODE_ENV: 'test', PASSERELLE_TEST_CLOCK_FILE: '' }, undefined],
    ['production ignores it', { NODE_ENV: 'production', PASSERELLE_TEST_CLOCK_FILE: FILE }, undefined],
    ['test uses it', { NODE_ENV: 'test', PASSERELLE_TEST_CLOCK_FILE: FILE }, FILE],
    ['development uses it', { NODE_ENV: 'development', PASSERELLE_TEST_CLOCK_FILE: FILE }, FILE],
  ])('%s', (_label, env, expected) => {
    expect(testClockFile(env)).toBe(expected);
  });

  it.each([
    ['an ISO instant', '2031-03-02T08:00:00.000Z\n', '2031-03-02T08:00:00.000Z'],
    ['a missing file', undefined, undefined],
    ['an empty file', '  \n', undefined],
    ['garbage', 'tomorrow', undefined],
  ])('reads %s', (_label, content, expected) => {
    expect(readTestClock(FILE, reading(content))?.toISOString()).toBe(expected);
  });

  it('never reads a file in production (config/passerelle.ts passes none)', () => {
    const readFile = jest.fn(reading('2031-03-02T08:00:00.000Z'));
    expect(readTestClock(testClockFile({ NODE_ENV: 'production', PASSERELLE_TEST_CLOCK_FILE: FILE }), readFile)).toBeUndefined();
    expect(readFile).not.toHaveBeenCalled();
  });
});
