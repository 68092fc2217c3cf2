import { DEFAULT_SETTINGS, validateSettings } from '../../../../src/plugins/read-model/server/settings';

/** A bad `briefFields` stops the boot with the option named, as every other setting does. */
describe("the read model's settings", () => {
  it('accept the nested fields each type keeps in its briefs, as lists of names', () => {
    expect(() => validateSettings({ ...DEFAULT_SETTINGS, briefFields: { 'api::article.article': ['cover', 'tags'] } })).not.toThrow();
  });

  it.each([[{ 'api::article.article': 'cover' }], [{ 'api::article.article': [1] }], [['cover']]])(
    'refuse briefFields %j, naming it',
    (briefFields) => {
      expect(() => validateSettings({ ...DEFAULT_SETTINGS, briefFields })).toThrow(/briefFields/);
    }
  );
});
