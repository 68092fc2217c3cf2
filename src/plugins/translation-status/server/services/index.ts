import type { Core } from '@strapi/strapi';
import type settingsService from './settings';
import type trackerService from './tracker';

export type Settings = ReturnType<typeof settingsService>;
export type Tracker = ReturnType<typeof trackerService>;

/** The plugin's services with their types (Strapi hands every service out as `any`). */
export const translationServices = (strapi: Core.Strapi) => {
  const plugin = strapi.plugin('translation-status');
  return { settings: plugin.service<Settings>('settings'), tracker: plugin.service<Tracker>('tracker') };
};
