import { DEFAULT_SETTINGS, validateSettings } from '../../../../src/plugins/read-model/server/settings';

/** A bad setting stops the boot with the option named. */
describe("the read model's settings", () => {
  it('accept the defaults and handlers named as their permissions', () => {
    expect(() => validateSettings(DEFAULT_SETTINGS)).not.toThrow();
    expect(() => validateSettings({ ...DEFAULT_SETTINGS, earlyHandlers: ['plugin::distribution.feed.find'] })).not.toThrow();
  });

  it.each([
    [{ earlyHandlers: ['feed.find'] }, /earlyHandlers/],
    [{ listCheckpointSpacing: 0 }, /listCheckpointSpacing/],
    // Briefs were replaced by stored entries (row format 7): a configuration still naming them is told so.
    [{ briefFields: { 'api::article.article': ['cover'] } }, /unknown option.*briefFields/],
  ])('refuse %j, naming it', (change, named) => {
    expect(() => validateSettings({ ...DEFAULT_SETTINGS, ...change })).toThrow(named);
  });
});
