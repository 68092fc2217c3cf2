import type { Core } from '@strapi/strapi';
import { translationServices } from './services';
import { startBackfill } from './backfill';

export const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  const { settings } = translationServices(strapi);
  const source = await settings.sourceLocale();
  const locales = await strapi.plugin('i18n').service<{ find(): Promise<Array<{ code: string }>> }>('locales').find();
  if (!locales.some((locale) => locale.code === source)) {
    // The app may create its locales after this bootstrap; a source that never appears is a configuration error.
    strapi.log.warn(
      `[translation-status] source locale "${source}" is not (yet) one of the locales: ${locales.map((l) => l.code).join(', ')}`
    );
  }
  // Documents without records are recorded in the background: the boot does no per-document work.
  startBackfill(strapi);
};
