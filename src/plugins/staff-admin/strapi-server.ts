import type { Core } from '@strapi/strapi';
import { applyAdminViews } from './server/admin-views/applyAdminViews';

// The preview handler is wired in config/admin.ts (`preview.config.handler`), where Strapi reads it.
export default {
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await applyAdminViews(strapi);
  },
};
