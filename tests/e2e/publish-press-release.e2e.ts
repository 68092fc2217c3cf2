import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { startAppServer, APP_DIR, type AppServer } from './support/appServer';
import { openBrowser, withScreenshot, type Browser } from './support/browser';
import { openLoginPage, registerFirstAdmin, signIn } from './support/staff';

/**
 * A member of the communications staff publishes a press release under embargo, in French then
 * English, through the real admin panel; the public API must hide it until the embargo ends.
 */
const STAFF = { email: 'camille@passerelle.test', password: 'Communique-2031', firstname: 'Camille', lastname: 'Martin' };
// 2 March 2031 at 09:00 in Paris (winter time) is 08:00 UTC.
const EMBARGO_DATE = '02/03/2031';
const EMBARGO_TIME = '09:00';
const EMBARGO_INSTANT = '2031-03-02T08:00:00.000Z';
const JUST_BEFORE = '2031-03-02T07:59:59.000Z';
const FR_TITLE = 'DéClics Numériques revient en Occitanie';
const EN_TITLE = 'DéClics Numériques returns to Occitanie';
const DOCS_SCREENSHOT = path.join(APP_DIR, 'public', 'docs', 'admin-press-release.png');

type Article = {
  documentId: string;
  title: string;
  embargoUntil: string | null;
  cover?: { alternativeText: string; credit: string } | null;
};

describe('publishing a press release in the admin panel', () => {
  let server: AppServer;
  let browser: Browser;
  let imageFile: string;

  const publicArticles = async (locale: string): Promise<Article[]> => {
    const response = await fetch(`${server.url}/api/articles?locale=${locale}&populate=cover`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { data: Article[] }).data;
  };

  beforeAll(async () => {
    server = await startAppServer();
    await registerFirstAdmin(server.url, STAFF);
    imageFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-e2e-')), 'atelier-numerique.jpg');
    await sharp({ create: { width: 1200, height: 750, channels: 3, background: { r: 32, g: 96, b: 160 } } })
      .jpeg()
      .toFile(imageFile);
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (imageFile) fs.rmSync(path.dirname(imageFile), { recursive: true, force: true });
  });

  it('shows the login page in French and lets staff in', async () => {
    const { page } = browser;
    await withScreenshot(page, 'login', async () => {
      await openLoginPage(page, server.url);
      await signIn(page, STAFF);
    });
  });

  it('creates the French release with an embargo, refuses to publish its image without alt text, then publishes', async () => {
    const { page } = browser;
    await withScreenshot(page, 'french-release', async () => {
      await page.goto(`${server.url}/admin/content-manager/collection-types/api::article.article/create?plugins[i18n][locale]=fr`);
      // Strapi's one-off announcement banner would cover the notifications.
      await page
        .getByRole('button', { name: /Close the banner|Fermer le bandeau/ })
        .click({ timeout: 5000 })
        .catch(() => undefined);
      await page.getByLabel(/^Titre/).fill(FR_TITLE);
      await page.getByRole('combobox', { name: /Type de contenu/ }).click();
      await page.getByRole('option', { name: 'Communiqué de presse' }).click();
      await page.getByLabel(/^Chapô/).fill('La deuxième édition ouvre ses inscriptions aux demandeurs d’emploi de l’Hérault.');

      const embargo = page.getByRole('group', { name: 'Embargo jusqu’au' });
      const date = embargo.getByRole('combobox', { name: 'Choose date' });
      await date.click();
      await date.pressSequentially(EMBARGO_DATE);
      await date.press('Tab');
      await embargo.getByRole('combobox', { name: 'Choose time' }).click();
      await page.getByRole('option', { name: EMBARGO_TIME, exact: true }).click();

      // The cover: an image uploaded from the computer, credited, but not yet described.
      await page
        .getByRole('button', { name: /Il n'a pas encore d'entrée/ })
        .first()
        .click();
      await page
        .getByRole('button', { name: /Cliquer pour ajouter un média/ })
        .first()
        .click();
      await page.getByRole('button', { name: 'Ajouter plus de médias' }).click();
      await page.locator('input[type=file]').setInputFiles(imageFile);
      await page.getByRole('button', { name: /Importer 1 média/ }).click();
      await page.getByRole('button', { name: 'Terminer' }).click();
      await page.locator('input[name="cover.credit"]').fill('© Diversidays');

      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByRole('button', { name: 'Publier' }).click();
      await page
        .getByText(/n’a pas de texte alternatif/)
        .first()
        .waitFor();
      await expectText(
        page.locator('input[name="cover.alternativeText"]').locator('xpath=ancestor::div[1]/..'),
        /ajoutez-le avant de publier/
      );

      await page.locator('input[name="cover.alternativeText"]').fill('Une formatrice accompagne deux participantes devant un ordinateur');
      await page.getByRole('button', { name: 'Publier' }).click();
      await page.getByText('Publié', { exact: true }).first().waitFor();
      // The preview panel opens the page on the site (address built by src/preview).
      await page.getByText(/Open preview|Ouvrir l’aperçu/i).waitFor();
      if (process.env.E2E_UPDATE_DOCS === 'true') await saveDocsScreenshot(page);
    });
  });

  it('adds the English version and publishes it', async () => {
    const { page } = browser;
    await withScreenshot(page, 'english-version', async () => {
      await page.getByRole('combobox').filter({ hasText: 'French (fr)' }).first().click();
      await page.getByRole('option', { name: /English \(en\)/ }).click();
      await page.getByLabel(/^Titre/).waitFor();
      await page.getByLabel(/^Titre/).fill(EN_TITLE);
      await page.getByLabel(/^Chapô/).fill('The second edition opens registration to job seekers in the Hérault.');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByRole('button', { name: 'Publier' }).click();
      await page.getByText('Publié', { exact: true }).first().waitFor();
    });
  });

  it('lists articles with the columns staff need', async () => {
    const { page } = browser;
    await withScreenshot(page, 'list-view', async () => {
      await page.goto(`${server.url}/admin/content-manager/collection-types/api::article.article?plugins[i18n][locale]=fr`);
      await page.getByRole('gridcell', { name: FR_TITLE }).or(page.getByText(FR_TITLE)).first().waitFor();
      const headers = (await page.locator('thead th').allTextContents()).map((text) => text.trim()).filter(Boolean);
      expect(headers).toEqual(expect.arrayContaining(['Titre', 'Type', 'Embargo']));
      // Strapi's own columns for the languages a document exists in and its publication status.
      expect(headers.join(' | ')).toMatch(/Disponible en/);
      expect(headers.join(' | ')).toMatch(/Statut/);
    });
  });

  it('keeps the release from the public until the embargo ends, in both locales', async () => {
    server.setNow(JUST_BEFORE);
    expect((await publicArticles('fr')).map((a) => a.title)).not.toContain(FR_TITLE);
    expect((await publicArticles('en')).map((a) => a.title)).not.toContain(EN_TITLE);

    server.setNow(EMBARGO_INSTANT);
    const french = (await publicArticles('fr')).find((a) => a.title === FR_TITLE);
    const english = (await publicArticles('en')).find((a) => a.title === EN_TITLE);
    expect(french).toMatchObject({
      embargoUntil: EMBARGO_INSTANT,
      cover: { alternativeText: 'Une formatrice accompagne deux participantes devant un ordinateur', credit: '© Diversidays' },
    });
    expect(english).toMatchObject({ documentId: french?.documentId, embargoUntil: EMBARGO_INSTANT });
    server.setNow();
  });
});

/**
 * The locator's text matches `pattern`, waiting up to 20 s: the admin shows a field's own error a
 * render after the notification (ci-s36 read the field in between, under load, and failed; ci-s160,
 * its Jest suite a fifth slower than usual, did not see it within 10 s; run again alone, it passed).
 */
const expectText = async (locator: import('playwright-core').Locator, pattern: RegExp) => {
  await locator
    .filter({ hasText: pattern })
    .first()
    .waitFor({ timeout: 20_000 })
    .catch(() => undefined);
  expect(await locator.innerText()).toMatch(pattern);
};

/** The README's screenshot: the release being written, with its embargo and credited image. */
const saveDocsScreenshot = async (page: import('playwright-core').Page) => {
  fs.mkdirSync(path.dirname(DOCS_SCREENSHOT), { recursive: true });
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1440, height: 1900 });
  await page.mouse.wheel(0, -100000);
  await page.waitForTimeout(6000); // let the "Publié" notification fade
  await page.screenshot({ path: DOCS_SCREENSHOT });
  if (viewport) await page.setViewportSize(viewport);
};
