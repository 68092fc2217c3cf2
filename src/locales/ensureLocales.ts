import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE, parseLocaleList } from './localeSettings';

type IsoLocale = { code: string; name: string };
type StoredLocale = { code: string };

/**
 * Creates every configured locale that is missing, and makes French the default on the very first
 * boot only, so a default that staff later change in the admin panel is kept. A second boot finds
 * everything in place and changes nothing.
 */
export const ensureLocales = async (strapi: Core.Strapi): Promise<string[]> => {
  const i18n = strapi.plugin('i18n');
  const isoLocales: IsoLocale[] = i18n.service<{ getIsoLocales(): IsoLocale[] }>('iso-locales').getIsoLocales();
  const wanted = parseLocaleList(
    strapi.config.get<string>('passerelle.extraLocales', ''),
    isoLocales.map((l) => l.code)
  );

  const localesService = i18n.service<{
    find(): Promise<StoredLocale[]>;
    create(locale: { code: string; name: string }): Promise<unknown>;
    setDefaultLocale(locale: { code: string }): Promise<unknown>;
  }>('locales');
  const existing: StoredLocale[] = await localesService.find();
  const existingCodes = new Set(existing.map((locale) => locale.code));

  for (const code of wanted.filter((c) => !existingCodes.has(c))) {
    const iso = isoLocales.find((l) => l.code === code);
    await localesService.create({ code, name: iso?.name ?? code });
    strapi.log.info(`[locales] created locale ${code}`);
  }

  const store = strapi.store({ type: 'plugin', name: 'passerelle', key: 'locales' });
  const state = (await store.get({})) as { defaultChosen?: boolean } | null;
  if (!state?.defaultChosen) {
    await localesService.setDefaultLocale({ code: DEFAULT_LOCALE });
    await store.set({ value: { defaultChosen: true } });
  }
  return wanted;
};
