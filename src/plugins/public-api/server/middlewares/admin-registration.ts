import { errors } from '@strapi/utils';
import type { Core } from '@strapi/strapi';

/**
 * Shuts the admin panel's "create the first administrator" endpoint unless it is allowed
 * (`access.firstAdminRegistration`). A database restored from `strapi export` has no admin account,
 * so without this the first visitor to `/admin` would become super admin.
 * The endpoint is `POST <admin path>/register-admin`, checked against Strapi 5.54.0.
 */
const adminRegistration: Core.MiddlewareFactory = (_config, { strapi }) => {
  const adminPath = new URL(strapi.config.get<string>('admin.url', '/admin'), 'http://localhost').pathname.replace(/\/+$/, '');
  const endpoint = `${adminPath}/register-admin`;
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || ctx.path.replace(/\/+$/, '') !== endpoint) {
      await next();
      return;
    }
    if (!strapi.config.get<boolean>('access.firstAdminRegistration', true)) {
      throw new errors.ForbiddenError(
        'Creating the first administrator from the browser is off in production. Run `npm run restore` (which creates it from ADMIN_EMAIL and ADMIN_PASSWORD) or `npm run strapi admin:create-user`, or start once with ADMIN_BOOTSTRAP=true.'
      );
    }
    await next();
  };
};

export default adminRegistration;
