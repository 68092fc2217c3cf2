import { findViolations } from '../../../src/plugins/editorial-rules/server/validation/contentRules';

const paths = (uid: string, entry: Record<string, unknown>) => findViolations(uid, entry).map((v) => v.path.join('.'));

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
});
