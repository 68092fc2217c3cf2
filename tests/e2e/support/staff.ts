import type { Page } from 'playwright-core';

export type Staff = { email: string; password: string; firstname: string; lastname: string };

/** Creates the first administrator through the panel's own sign-up route; returns its admin token. */
export const registerFirstAdmin = async (baseUrl: string, staff: Staff): Promise<string> => {
  const registered = await fetch(`${baseUrl}/admin/register-admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(staff),
  });
  expect(registered.status).toBe(200);
  return ((await registered.json()) as { data: { token: string } }).data.token;
};

/** The panel's login page, once its French welcome shows. */
export const openLoginPage = async (page: Page, baseUrl: string): Promise<void> => {
  await page.goto(`${baseUrl}/admin`);
  await page.getByText('Bienvenue sur Passerelle').waitFor();
};

/** Fills the login form as staff do, and waits for the panel's home page. */
export const signIn = async (page: Page, staff: Staff): Promise<void> => {
  await page.getByLabel('Adresse e-mail').fill(staff.email);
  await page.getByLabel('Mot de passe').fill(staff.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/admin\/?$/);
};
