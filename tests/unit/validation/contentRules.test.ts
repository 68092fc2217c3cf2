import { buildRules, findViolations } from '../../../src/plugins/editorial-rules/server/validation/contentRules';

// The rules as config/plugins.ts gives them to the plugin (`editorial-rules.rules`).
const RULES = buildRules({
  'api::article.article': [
    {
      rule: 'onlyWhen',
      field: 'embargoUntil',
      when: { field: 'kind', equals: 'press-release' },
      message: 'press releases only, not "{kind}"',
    },
  ],
  'api::edition.edition': [{ rule: 'notBefore', field: 'endDate', notBefore: 'startDate', message: '{endDate} before {startDate}' }],
  'api::person.person': [{ rule: 'oneRequiredWhen', when: 'isPressContact', fields: ['email', 'phone'], message: 'email or phone' }],
});
const paths = (uid: string, entry: Record<string, unknown>) => findViolations(RULES, uid, entry).map((v) => v.path.join('.'));

describe('content rules', () => {
  it.each([
    ['api::article.article', { kind: 'press-release', embargoUntil: '2030-01-01T00:00:00Z' }, []],
    ['api::article.article', { kind: 'news', embargoUntil: '2030-01-01T00:00:00Z' }, ['embargoUntil']],
    ['api::article.article', { kind: 'announcement', embargoUntil: null }, []],
    ['api::edition.edition', { startDate: '2020-09-28', endDate: '2020-10-05' }, []],
    ['api::edition.edition', { startDate: '2020-09-28', endDate: '2020-09-28' }, []],
    ['api::edition.edition', { startDate: '2020-09-28', endDate: '2020-09-27' }, ['endDate']],
    ['api::edition.edition', { startDate: '2020-09-28', endDate: null }, []],
    ['api::person.person', { isPressContact: true, email: null, phone: null }, ['email']],
    ['api::person.person', { isPressContact: true, email: null, phone: '+33 5 00 00 00 00' }, []],
    ['api::person.person', { isPressContact: false }, []],
    ['api::partner.partner', { anything: 'goes' }, []],
  ])('%s %j → %j', (uid, entry, expected) => {
    expect(paths(uid, entry)).toEqual(expected);
  });

  it("fills the message with the entry's values, after the field", () => {
    expect(findViolations(RULES, 'api::article.article', { kind: 'news', embargoUntil: '2030-01-01T00:00:00Z' })).toEqual([
      { path: ['embargoUntil'], message: 'embargoUntil: press releases only, not "news"' },
    ]);
    expect(findViolations(RULES, 'api::edition.edition', { startDate: '2020-09-28', endDate: '2020-09-27' })[0].message).toBe(
      'endDate: 2020-09-27 before 2020-09-28'
    );
  });
});
