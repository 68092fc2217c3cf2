import type { Core } from '@strapi/strapi';
import { ensureLocales } from './locales/ensureLocales';
import { ensureDemoAdmin, isDemoMode } from './demo/ensureDemoAdmin';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLocales(strapi);
    if (isDemoMode()) {
      await ensureDemoAdmin(strapi);
    }
  },
};
