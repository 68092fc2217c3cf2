import { readerAccessOf as readerAccessWith } from '../../../src/plugins/visibility/server/readerAccess';

// The journalists' permission, as config/plugins.ts gives it to the plugin (`embargo.readerAction`).
const READ_EMBARGOED_ACTION = 'api::article.article.embargoed';
const readerAccessOf = (request: Parameters<typeof readerAccessWith>[0]) => readerAccessWith(request, READ_EMBARGOED_ACTION);

const withAuth = (strategy: string, permissions: Array<string | { action: string }>) => ({
  state: { auth: { strategy: { name: strategy }, credentials: { type: 'custom', permissions } } },
});

describe('readerAccessOf', () => {
  it.each([
    ['a Strapi 5.54 token with the embargo permission', withAuth('content-api-token', [READ_EMBARGOED_ACTION]), true],
    ['an older api-token strategy', withAuth('api-token', [{ action: READ_EMBARGOED_ACTION }]), true],
    ['a token without the permission', withAuth('content-api-token', ['api::article.article.find']), false],
    ['a users-permissions login', withAuth('users-permissions', [READ_EMBARGOED_ACTION]), false],
    ['no authentication', { state: {} }, false],
    ['no request', undefined, false],
  ])('%s', (_label, request, expected) => {
    expect(readerAccessOf(request).canReadEmbargoed).toBe(expected);
  });
});
