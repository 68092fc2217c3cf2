import type { Core } from '@strapi/strapi';

export const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = strapi.plugin('translation-status').service('settings');
  const source = await settings.sourceLocale();
  const locales = (await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>;
  if (!locales.some((locale) => locale.code === source)) {
    // The app may create its locales after this bootstrap; a source that never appears is a configuration error.
    strapi.log.warn(
      `[translation-status] source locale "${source}" is not (yet) one of the locales: ${locales.map((l) => l.code).join(', ')}`
    );
  }
  const observed = await strapi.plugin('translation-status').service('tracker').backfill();
  if (observed > 0) strapi.log.info(`[translation-status] ${observed} documents recorded (their translations count as current)`);
};
