import {
  checkAgainstModels,
  DEFAULT_SETTINGS,
  timeFieldsOf,
  useVisibilitySettings,
  validateSettings,
  type VisibilitySettings,
} from '../../../src/plugins/visibility/server/settings';

const configured: VisibilitySettings = {
  contentTypes: ['api::*'],
  schedule: { field: 'visibleFrom' },
  embargo: { field: 'embargoUntil', contentTypes: ['api::article.article'], readerAction: 'api::article.article.embargoed' },
  privateFields: { 'api::person.person': { fields: ['email', 'phone'], publicWhen: 'isPressContact' } },
};

const models: Record<string, Record<string, unknown>> = {
  'api::article.article': { title: {}, embargoUntil: {}, visibleFrom: {} },
  'api::edition.edition': { title: {}, visibleFrom: {}, embargoUntil: {} },
  'api::person.person': { name: {}, email: {}, phone: {}, isPressContact: {} },
  'plugin::upload.file': { name: {}, visibleFrom: {} },
};

describe('visibility settings', () => {
  afterEach(() => useVisibilitySettings(DEFAULT_SETTINGS));

  it('accepts the defaults and a full configuration', () => {
    expect(() => validateSettings(DEFAULT_SETTINGS)).not.toThrow();
    expect(() => validateSettings(configured)).not.toThrow();
  });

  it.each([
    ['an unknown option', { ...configured, embargoo: {} }, /unknown option/],
    ['a content type that is not a UID', { ...configured, contentTypes: ['article'] }, /contentTypes\[0\].*not a content type UID/],
    [
      'an embargo without the journalists’ permission',
      { ...configured, embargo: { ...configured.embargo, readerAction: '' } },
      /readerAction/,
    ],
    [
      'a private type without fields',
      { ...configured, privateFields: { 'api::person.person': { fields: [], publicWhen: 'isPressContact' } } },
      /fields/,
    ],
  ])('refuses %s, naming the option', (_label, config, message) => {
    expect(() => validateSettings(config)).toThrow(message);
  });

  it('refuses a type or field the app does not have, at boot', () => {
    const attributesOf = (uid: string) => models[uid];
    expect(() => checkAgainstModels(configured, attributesOf)).not.toThrow();
    expect(() =>
      checkAgainstModels({ ...configured, embargo: { ...configured.embargo, contentTypes: ['api::post.post'] } }, attributesOf)
    ).toThrow(/no content type api::post.post/);
    expect(() => checkAgainstModels({ ...configured, embargo: { ...configured.embargo, field: 'embargoEnd' } }, attributesOf)).toThrow(
      /has no attribute "embargoEnd"/
    );
    expect(() => checkAgainstModels({ ...configured, contentTypes: ['api::edition.edition'] }, attributesOf)).toThrow(
      /not in visibility.contentTypes/
    );
    expect(() =>
      checkAgainstModels(
        { ...configured, privateFields: { 'api::person.person': { fields: ['mail'], publicWhen: 'isPressContact' } } },
        attributesOf
      )
    ).toThrow(/no attribute "mail"/);
  });

  it('applies the embargo to the configured types only, the schedule to every guarded type with the field', () => {
    useVisibilitySettings(configured);
    expect(timeFieldsOf('api::article.article', models['api::article.article'])).toEqual({
      schedule: 'visibleFrom',
      embargo: 'embargoUntil',
    });
    // An `embargoUntil` field on a type the embargo does not name is just a date.
    expect(timeFieldsOf('api::edition.edition', models['api::edition.edition'])).toEqual({ schedule: 'visibleFrom' });
    expect(timeFieldsOf('api::person.person', models['api::person.person'])).toEqual({});
    // Types outside `contentTypes` (Strapi's, plugins') are never held back.
    expect(timeFieldsOf('plugin::upload.file', models['plugin::upload.file'])).toEqual({});
  });

  it('holds nothing back until configured', () => {
    expect(timeFieldsOf('api::article.article', models['api::article.article'])).toEqual({});
  });
});
