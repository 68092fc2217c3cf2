import type { Core } from '@strapi/strapi';

const MARKER_KEY = 'registration-setting';

type AdvancedSettings = { allow_register?: boolean } & Record<string, unknown>;

/**
 * Applies `USERS_REGISTRATION_ENABLED` to users-permissions' "Enable sign-ups" setting (stored in the
 * plugin store, where the admin panel edits it) once per value of the variable. Users-permissions turns
 * sign-ups on for a new database; we turn them off. A later choice made by staff in
 * *Settings → Users & Permissions → Advanced settings* is kept across restarts, until the variable changes.
 * Runs after users-permissions' bootstrap, which writes the plugin's defaults.
 */
export const applyRegistrationSetting = async (strapi: Core.Strapi): Promise<void> => {
  const enabled = strapi.config.get<boolean>('access.registrationEnabled', false);
  const ours = strapi.store({ type: 'plugin', name: 'passerelle' });
  if ((await ours.get({ key: MARKER_KEY })) === enabled) return;

  const usersPermissions = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await usersPermissions.get({ key: 'advanced' })) ?? {}) as AdvancedSettings;
  await usersPermissions.set({ key: 'advanced', value: { ...advanced, allow_register: enabled } });
  await ours.set({ key: MARKER_KEY, value: enabled });
};
