import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium } from '../../helpers/chromium';

export const ARTIFACTS_DIR = path.resolve(__dirname, '..', '..', '.artifacts');

export type Browser = { context: BrowserContext; page: Page; close: () => Promise<void> };

/** Debian's Chromium (no browser download), headless, on a fresh profile, in Paris like the staff. */
export const openBrowser = async (): Promise<Browser> => {
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-e2e-profile-'));
  const context = await launchChromium(profile, { locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  context.setDefaultTimeout(30000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
};

/** Runs a step; if it fails, saves a screenshot named after it in tests/.artifacts/ first. */
export const withScreenshot = async (page: Page, name: string, step: () => Promise<void>): Promise<void> => {
  try {
    await step();
  } catch (error) {
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    throw new Error(`${(error as Error).message}\n(screenshot: ${file})`, { cause: error });
  }
};
