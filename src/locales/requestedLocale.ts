import { errors } from '@strapi/utils';
import type { Core } from '@strapi/strapi';

/** The locale a request asks for: its `locale` parameter when the CMS has it, the default one when absent. */
export const pickLocale = (requested: unknown, known: string[], defaultLocale: string): string => {
  if (requested === undefined || requested === '') return defaultLocale;
  const code = typeof requested === 'string' ? known.find((k) => k.toLowerCase() === requested.toLowerCase()) : undefined;
  if (!code) {
    const message = `locale: « ${String(requested)} » is not one of ${known.join(', ')}`;
    throw new errors.ValidationError(message, { errors: [{ path: ['locale'], message, name: 'ValidationError' }] });
  }
  return code;
};

type LocaleService = { find: () => Promise<Array<{ code: string }>>; getDefaultLocale: () => Promise<string> };

export const requestedLocale = async (strapi: Core.Strapi, requested: unknown): Promise<string> => {
  const locales = strapi.plugin('i18n').service('locales') as LocaleService;
  const [known, defaultLocale] = await Promise.all([locales.find(), locales.getDefaultLocale()]);
  return pickLocale(requested, known.map((locale) => locale.code), defaultLocale);
};
