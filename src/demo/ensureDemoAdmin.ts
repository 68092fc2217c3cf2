import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';

type DemoConfig = { enabled: boolean; adminEmail: string; adminPassword: string };

const demoConfig = (strapi: Core.Strapi): DemoConfig => strapi.config.get<DemoConfig>('passerelle.demo');

export const isDemoMode = (strapi: Core.Strapi): boolean => demoConfig(strapi).enabled;

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

  const { adminEmail: email, adminPassword } = demoConfig(strapi);
  const password = adminPassword || generatePassword();
  await users.createFirstAdmin({
    email,
    password,
    firstname: 'Démo',
    lastname: 'Passerelle',
    preferedLanguage: 'fr',
  });

  const shownPassword = adminPassword ? '(the value of DEMO_ADMIN_PASSWORD)' : password;
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
