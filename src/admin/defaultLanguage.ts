/** The admin panel stores the chosen interface language under this key (Strapi's own). */
export const ADMIN_LANGUAGE_KEY = 'strapi-admin-language';
export const DEFAULT_ADMIN_LANGUAGE = 'fr';

type LanguageStorage = { getItem: (key: string) => string | null; setItem: (key: string, value: string) => void };

/**
 * Strapi starts in English unless a language was chosen before; staff are French-speaking, so a
 * browser that never chose starts in French. A choice made later (login page toggle, profile) wins.
 */
export const preferDefaultLanguage = (storage: LanguageStorage, language: string = DEFAULT_ADMIN_LANGUAGE): void => {
  if (!storage.getItem(ADMIN_LANGUAGE_KEY)) storage.setItem(ADMIN_LANGUAGE_KEY, language);
};
