import { startAppServer, type AppServer } from './support/appServer';
import { openBrowser, withScreenshot, type Browser } from './support/browser';
import { openLoginPage, registerFirstAdmin, signIn } from './support/staff';
import type { Page } from 'playwright-core';

/**
 * The panel as a French-speaking staff member sees it: no English on the main screens (login, lists,
 * edit views, media library), the article types in French, and the translation notice in the edit
 * view of an English version that fell behind the French.
 */
const STAFF = { email: 'claire@passerelle.test', password: 'Traduction-2031', firstname: 'Claire', lastname: 'Dubois' };

/**
 * English that Strapi 5.54 shows where it has no French text, or that we replaced: each was seen on
 * these screens before. Matched as whole words in the visible text, in any case (labels are often shown in capitals).
 */
const KNOWN_ENGLISH = [
  'Introducing the new Media Library',
  "You're now using the revamped version",
  'Search',
  'characters',
  'Preview',
  'Open preview',
  'Active devices',
  'Skip',
  'Next',
  'Document ID',
  'Choose here',
  'Published (all)',
  'Draft (never published)',
  'Add assets',
  'No assets yet',
  'Filter',
  'Sort',
  'Table view',
  'Grid view',
  'Folders',
  'Media library',
  'press-release',
  'announcement',
];

const englishOn = async (page: Page): Promise<string[]> => {
  const text = await page.locator('body').innerText();
  return KNOWN_ENGLISH.filter((phrase) =>
    new RegExp(`(^|[^\\p{L}-])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\p{L}-]|$)`, 'iu').test(text)
  );
};

describe('a panel in French, and translations that say when they are behind', () => {
  let server: AppServer;
  let browser: Browser;
  let apiToken: string;
  let documentId: string;

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', Authorization: `Bearer ${apiToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { data: Record<string, unknown> };
  };

  beforeAll(async () => {
    server = await startAppServer();
    const adminToken = await registerFirstAdmin(server.url, STAFF);
    const token = await fetch(`${server.url}/admin/api-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', Authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ name: 'e2e-translations', type: 'full-access', lifespan: null }),
    });
    expect(token.status).toBe(201);
    apiToken = ((await token.json()) as { data: { accessKey: string } }).data.accessKey;

    // A French release translated into English, then corrected in French: the English is behind.
    const created = await api('POST', '/api/articles?locale=fr&status=published', {
      data: { title: 'Les ateliers reprennent à Montpellier', kind: 'press-release', standfirst: 'Inscriptions ouvertes.' },
    });
    documentId = String(created.data.documentId);
    await api('PUT', `/api/articles/${documentId}?locale=en&status=published`, {
      data: { title: 'Workshops resume in Montpellier', standfirst: 'Registration is open.' },
    });
    await api('PUT', `/api/articles/${documentId}?locale=fr&status=published`, {
      data: { standfirst: 'Inscriptions ouvertes jusqu’au 15 mars.' },
    });
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the login page without English', async () => {
    const { page } = browser;
    await withScreenshot(page, 'fr-login', async () => {
      await openLoginPage(page, server.url);
      expect(await englishOn(page)).toEqual([]);
      await signIn(page, STAFF);
    });
  });

  it('lists articles with their type in French, and no English', async () => {
    const { page } = browser;
    await withScreenshot(page, 'fr-list', async () => {
      await page.goto(`${server.url}/admin/content-manager/collection-types/api::article.article?plugins[i18n][locale]=fr`);
      await page.getByText('Les ateliers reprennent à Montpellier').first().waitFor();
      await page.getByText('Communiqué de presse').first().waitFor();
      await page.waitForLoadState('networkidle');
      // Strapi's media library banner is checked before it is closed for the next screens.
      expect(await englishOn(page)).toEqual([]);
      await page
        .getByRole('button', { name: /Fermer le bandeau/ })
        .click({ timeout: 3000 })
        .catch(() => undefined);
      // The site's reader accounts are not among the content types.
      expect(await page.getByRole('link', { name: /^User$/ }).count()).toBe(0);
    });
  });

  it('shows the French edit view without English, the type as « Communiqué de presse »', async () => {
    const { page } = browser;
    await withScreenshot(page, 'fr-edit', async () => {
      await page.goto(`${server.url}/admin/content-manager/collection-types/api::article.article/${documentId}?plugins[i18n][locale]=fr`);
      await page.getByLabel(/^Titre/).waitFor();
      await page
        .getByRole('combobox', { name: /Type de contenu/ })
        .filter({ hasText: 'Communiqué de presse' })
        .waitFor();
      // The side panels (preview, translation) load after the form.
      await page.getByText('Ouvrir l’aperçu').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await englishOn(page)).toEqual([]);
    });
  });

  it('says in the English edit view that the translation is behind, and lets staff confirm it', async () => {
    const { page } = browser;
    await withScreenshot(page, 'translation-notice', async () => {
      await page.goto(`${server.url}/admin/content-manager/collection-types/api::article.article/${documentId}?plugins[i18n][locale]=en`);
      const notice = page.getByTestId('translation-notice');
      await notice.getByText(/Cette traduction est en retard sur la version en français depuis le/).waitFor();
      await notice.getByText('standfirst').waitFor();
      await notice.getByText('Inscriptions ouvertes jusqu’au 15 mars.').waitFor();
      expect(await englishOn(page)).toEqual([]);
      await page.getByRole('button', { name: 'La traduction reste valable' }).click();
      await page.getByText(/La traduction est à jour avec la version en français/).waitFor();
    });
    const status = await api('GET', '/api/translations/status?locale=en');
    expect(status.data).toEqual([]);
  });

  it('shows the media library without English', async () => {
    const { page } = browser;
    await withScreenshot(page, 'fr-media-library', async () => {
      await page.goto(`${server.url}/admin/plugins/upload`);
      await page.getByRole('heading').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page
        .getByRole('button', { name: /Fermer le bandeau/ })
        .click({ timeout: 3000 })
        .catch(() => undefined);
      expect(await englishOn(page)).toEqual([]);
    });
  });

  it('lists what is left to translate on the « Traductions » page', async () => {
    const { page } = browser;
    await api('POST', '/api/articles?locale=fr&status=published', { data: { title: 'Une actualité sans traduction', kind: 'news' } });
    await withScreenshot(page, 'fr-translations-page', async () => {
      await page.goto(`${server.url}/admin/plugins/translation-status?locale=en`);
      await page.getByRole('tab', { name: /À traduire \(1\)/ }).waitFor();
      await page.getByRole('tab', { name: /À mettre à jour \(0\)/ }).waitFor();
      expect(await englishOn(page)).toEqual([]);
    });
  });
});
