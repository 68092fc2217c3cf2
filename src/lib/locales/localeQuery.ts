import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { versionedMemo } from '../cache/versionedMemo';
import { now } from '../clock/clock';

/** Off by default, so Strapi's clients get exactly what they ask for; sites opt in with `fallback=true`. */
export const FALLBACK_DEFAULT = false;

export type LocaleQuery = {
  requested: string;
  fallback: boolean;
  defaultLocale: string;
};

const fieldError = (field: string, message: string) =>
  new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError' }] });

const parseBoolean = (value: unknown): boolean | undefined => {
  if (value === undefined) return FALLBACK_DEFAULT;
  if (value === true || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0') return false;
  return undefined;
};

/** Reads `locale` and `fallback` from a query string, refusing unknown values with a 400 that names the field. */
export const parseLocaleQuery = (query: Record<string, unknown>, knownLocales: readonly string[], defaultLocale: string): LocaleQuery => {
  const locale = query.locale ?? defaultLocale;
  if (typeof locale !== 'string' || !knownLocales.includes(locale)) {
    throw fieldError('locale', `locale: unknown locale "${String(locale)}"; available: ${knownLocales.join(', ')}`);
  }
  const fallback = parseBoolean(query.fallback);
  if (fallback === undefined) {
    throw fieldError('fallback', `fallback: expected true or false, got "${String(query.fallback)}"`);
  }
  return { requested: locale, fallback, defaultLocale };
};

export type LocaleMeta = { requested: string; served: string; fallback: boolean };

export const localeMeta = (requested: string, served: string): LocaleMeta => ({
  requested,
  served,
  fallback: requested !== served,
});

export type LocaleCatalog = { codes: string[]; defaultLocale: string };

/** The locales this CMS has, read once per content version rather than twice per request. */
const localeCatalog = versionedMemo<LocaleCatalog>(async (strapi) => {
  const localesService = strapi.plugin('i18n').service('locales');
  const locales = (await localesService.find()) as Array<{ code: string }>;
  const defaultLocale = (await localesService.getDefaultLocale()) as string;
  return { value: { codes: locales.map((locale) => locale.code), defaultLocale } };
});

/** The locales this CMS has now, and its default: a locale added or removed in the admin panel moves the content version. */
export const siteLocales = (strapi: Core.Strapi): Promise<LocaleCatalog> => localeCatalog(strapi, now());

/** `parseLocaleQuery` against the locales this CMS actually has: the one check every public surface uses. */
export const knownLocaleQuery = async (strapi: Core.Strapi, query: Record<string, unknown>): Promise<LocaleQuery> => {
  const { codes, defaultLocale } = await siteLocales(strapi);
  return parseLocaleQuery(query, codes, defaultLocale);
};
