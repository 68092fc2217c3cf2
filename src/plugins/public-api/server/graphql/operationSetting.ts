import type { Core } from '@strapi/strapi';

/**
 * A boolean setting of the plugin read once per GraphQL operation (its context object is the key),
 * so that every field of one answer follows the same choice even if the setting changes meanwhile.
 */
export const perOperationSetting = (strapi: Core.Strapi, key: string, fallback: boolean) => {
  const chosen = new WeakMap<object, boolean>();
  return (context: unknown): boolean => {
    if (typeof context !== 'object' || context === null) return false;
    let on = chosen.get(context);
    if (on === undefined) {
      on = strapi.config.get<boolean>(`plugin::public-api.${key}`, fallback);
      chosen.set(context, on);
    }
    return on;
  };
};
