import type { Core, UID } from '@strapi/strapi';
import { applyAdminViews } from './server/admin-views/applyAdminViews';
import { configuredViewProblems, DEFAULT_SETTINGS, validateSettings, type StaffAdminSettings } from './server/settings';

const settingsOf = (strapi: Core.Strapi): StaffAdminSettings => strapi.config.get<StaffAdminSettings>('plugin::staff-admin');

// The preview handler is wired in config/admin.ts (`preview.config.handler`), where Strapi reads it.
export default {
  config: {
    default: DEFAULT_SETTINGS,
    validator: validateSettings,
  },

  register({ strapi }: { strapi: Core.Strapi }) {
    const problems = configuredViewProblems(settingsOf(strapi), (uid, isComponent) => {
      const model = isComponent ? strapi.components[uid as keyof typeof strapi.components] : strapi.contentType(uid as UID.ContentType);
      return (model as { attributes?: Record<string, unknown> } | undefined)?.attributes;
    });
    if (problems.length > 0) throw new Error(problems.join('; '));
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await applyAdminViews(strapi, settingsOf(strapi).views);
  },
};
