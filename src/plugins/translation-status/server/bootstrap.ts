import type { Core } from '@strapi/strapi';
import { translationServices } from './services';

export const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  const { settings, tracker } = translationServices(strapi);
  const source = await settings.sourceLocale();
  const locales = await strapi.plugin('i18n').service<{ find(): Promise<Array<{ code: string }>> }>('locales').find();
  if (!locales.some((locale) => locale.code === source)) {
    // The app may create its locales after this bootstrap; a source that never appears is a configuration error.
    strapi.log.warn(
      `[translation-status] source locale "${source}" is not (yet) one of the locales: ${locales.map((l) => l.code).join(', ')}`
    );
  }
  const observed = await tracker.backfill();
  if (observed > 0) strapi.log.info(`[translation-status] ${observed} documents recorded (their translations count as current)`);
};
