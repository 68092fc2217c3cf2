import type { Core } from '@strapi/strapi';
import { DOCUMENTATION_ACCESS, type DocumentationAccess } from '../src/plugins/public-api/server/middlewares/documentation-access';

const isDocumentationAccess = (value: string): value is DocumentationAccess => (DOCUMENTATION_ACCESS as readonly string[]).includes(value);

/** Who may create an account and who may read the documentation (see README, "Running in production"). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => {
  const production = env('NODE_ENV', 'development') === 'production';
  // An empty value (as copied from .env.example) takes the default too.
  const documentation = env('DOCUMENTATION_ACCESS', '') || (production ? 'admin' : 'public');
  if (!isDocumentationAccess(documentation)) {
    throw new Error(`DOCUMENTATION_ACCESS must be one of ${DOCUMENTATION_ACCESS.join(', ')}; got "${documentation}".`);
  }
  return {
    // Sign-ups on /api/auth/local/register (users-permissions); staff can still turn them on in the admin panel.
    registrationEnabled: env.bool('USERS_REGISTRATION_ENABLED', false),
    documentation,
    // The first visitor to /admin may create the super admin. In production that page stays shut
    // (a restored database has no admin) unless ADMIN_BOOTSTRAP=true; `npm run restore` creates one.
    firstAdminRegistration: !production || env.bool('ADMIN_BOOTSTRAP', false),
  };
};

export default config;
