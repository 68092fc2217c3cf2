import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';

export const isDemoMode = (): boolean => process.env.PASSERELLE_DEMO === 'true';

/** Strapi's admin password rule: 8+ characters with a lowercase, an uppercase letter and a digit. */
const generatePassword = (): string => `Demo-${crypto.randomBytes(9).toString('base64url')}-7aZ`;

/**
 * In demo mode only, creates a first super admin so the panel can be tried at once. The password
 * comes from DEMO_ADMIN_PASSWORD or is generated and printed this one time; later boots find the
 * admin and print nothing.
 */
export const ensureDemoAdmin = async (strapi: Core.Strapi): Promise<void> => {
  const users = strapi.service('admin::user');
  if (await users.exists()) return;

  const email = process.env.DEMO_ADMIN_EMAIL || 'demo@passerelle.local';
  const password = process.env.DEMO_ADMIN_PASSWORD || generatePassword();
  await users.createFirstAdmin({
    email,
    password,
    firstname: 'Démo',
    lastname: 'Passerelle',
    preferedLanguage: 'fr',
  });

  const shownPassword = process.env.DEMO_ADMIN_PASSWORD ? '(the value of DEMO_ADMIN_PASSWORD)' : password;
  strapi.log.info(
    [
      '',
      '  Demo admin account created (shown once):',
      `    email:    ${email}`,
      `    password: ${shownPassword}`,
      '    panel:    http://localhost:1337/admin',
      '',
    ].join('\n')
  );
};
