import { bootStrapi, type TestServer } from '../helpers/strapi';
import { adminSession, type AdminSession } from '../helpers/admin';
import { verifyPreviewUrl } from '../../src/plugins/staff-admin/server/preview/previewSignature';

const SITE = 'https://www.diversidays.test';
const PREVIEW_SECRET = 'secret-the-site-shares';

/** The page address of a preview link, without the signature the site checks. */
const pageOf = (url: string) => {
  const page = new URL(url);
  for (const name of ['locale', 'status', 'expires', 'signature']) page.searchParams.delete(name);
  return page.toString();
};

describe('preview from the content manager', () => {
  let server: TestServer;
  let admin: AdminSession;
  let articleId: string;

  beforeAll(async () => {
    server = await bootStrapi({ env: { SITE_URL: SITE, PREVIEW_SECRET, PREVIEW_LINK_TTL_MINUTES: '30' } });
    admin = await adminSession(server);
    const articles = server.strapi.documents('api::article.article');
    const article = await articles.create({ locale: 'fr', data: { title: 'Lancement à Montpellier', kind: 'news' } as never });
    articleId = article.documentId;
    await articles.update({ documentId: articleId, locale: 'en', data: { title: 'Launch in Montpellier' } as never });
    await articles.publish({ documentId: articleId, locale: 'fr' });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  const previewOf = (uid: string, query: Record<string, string>) =>
    admin.get(`/content-manager/preview/url/${uid}?${new URLSearchParams(query).toString()}`);

  it('opens the French draft on the French page, marked as a preview and signed for 30 minutes', async () => {
    const response = await previewOf('api::article.article', { documentId: articleId, locale: 'fr', status: 'draft' });
    expect(response.status).toBe(200);
    const { url } = response.body.data as { url: string };
    expect(pageOf(url)).toBe(`${SITE}/fr/actualites/lancement-a-montpellier?preview=true`);

    const verdict = verifyPreviewUrl(url, PREVIEW_SECRET);
    expect(verdict).toMatchObject({ valid: true, path: '/fr/actualites/lancement-a-montpellier', locale: 'fr', status: 'draft' });
    const expires = (verdict as { expires: Date }).expires.getTime();
    expect(expires - Date.now()).toBeGreaterThan(29 * 60 * 1000);
    expect(expires - Date.now()).toBeLessThanOrEqual(30 * 60 * 1000);
    expect(verifyPreviewUrl(url, PREVIEW_SECRET, new Date(expires + 1000))).toEqual({ valid: false, reason: 'expired' });
    expect(verifyPreviewUrl(url, 'not-the-secret')).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('gives a draft marker without a signature no value to the site', () => {
    expect(verifyPreviewUrl(`${SITE}/fr/actualites/lancement-a-montpellier?preview=true`, PREVIEW_SECRET)).toEqual({
      valid: false,
      reason: 'unsigned',
    });
  });

  it('opens the published version without the marker', async () => {
    const response = await previewOf('api::article.article', { documentId: articleId, locale: 'fr', status: 'published' });
    expect(response.body.data.url).toBe(`${SITE}/fr/actualites/lancement-a-montpellier`);
  });

  it('opens the English draft, never published, on the English page', async () => {
    const response = await previewOf('api::article.article', { documentId: articleId, locale: 'en', status: 'draft' });
    expect(pageOf(response.body.data.url)).toBe(`${SITE}/en/news/launch-in-montpellier?preview=true`);
    expect(verifyPreviewUrl(response.body.data.url, PREVIEW_SECRET)).toMatchObject({ valid: true, locale: 'en' });
  });

  it('opens a partner in its locale', async () => {
    const partner = await server.strapi
      .documents('api::partner.partner')
      .create({ locale: 'fr', data: { name: 'Pôle emploi Occitanie', kind: 'public-employment-service' } as never });
    const response = await previewOf('api::partner.partner', { documentId: partner.documentId, locale: 'fr', status: 'draft' });
    expect(pageOf(response.body.data.url)).toBe(`${SITE}/fr/partenaires/pole-emploi-occitanie?preview=true`);
    expect(verifyPreviewUrl(response.body.data.url, PREVIEW_SECRET)).toMatchObject({ valid: true });
  });

  it('has nothing to open for a type without a page on the site', async () => {
    const person = await server.strapi.documents('api::person.person').create({ locale: 'fr', data: { name: 'Ada Lovelace' } as never });
    const response = await previewOf('api::person.person', { documentId: person.documentId, locale: 'fr', status: 'draft' });
    expect(response.status).toBe(204);
  });

  it('is for signed-in staff only', async () => {
    const response = await server.http().get(`/content-manager/preview/url/api::article.article?documentId=${articleId}`);
    expect(response.status).toBe(401);
  });

  it('lets the admin frame the site', async () => {
    const response = await server.http().get('/_health');
    expect(response.headers['content-security-policy']).toContain(`frame-src ${SITE}`);
  });
});
