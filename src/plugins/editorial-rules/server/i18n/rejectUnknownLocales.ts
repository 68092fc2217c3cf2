import type { Core } from '@strapi/strapi';
import type { DocumentMiddleware } from '../../../../lib/documents/documentMiddleware';
import { validationError } from '../../../../lib/validation/validationError';
import { currentWriteBatch, type WriteBatch } from '../../../../lib/documents/writeBatch';

/** The calls that write one locale's rows (or, with `*`, every locale's). */
const LOCALE_WRITES: ReadonlySet<string> = new Set(['create', 'update', 'publish', 'unpublish', 'discardDraft']);

type LocalizedModel = { pluginOptions?: { i18n?: { localized?: boolean } } };

/** The site's locales as a batch of writes (a bulk import, one transaction) first read them. */
const localesOfBatch = new WeakMap<WriteBatch, Promise<string[]>>();

/** The site's locales, read at each write, or once per batch of writes. */
const siteLocaleCodes = (strapi: Core.Strapi): Promise<string[]> => {
  const read = async () => ((await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>).map((entry) => entry.code);
  const batch = currentWriteBatch();
  if (!batch) return read();
  const codes = localesOfBatch.get(batch) ?? read();
  localesOfBatch.set(batch, codes);
  return codes;
};

/**
 * A write in a locale the site does not have (`POST /api/articles?locale=xx`): Strapi 5.54.0 stores
 * it, rows in a language no page, feed or sitemap serves, which the read model cannot build either
 * (its background work failed on them at every write after). A 400 naming `locale`, as reads give.
 * The site's locales are read at each write, so that a locale added in the admin panel takes writes
 * at once; a batch of writes reads them once.
 */
export const rejectUnknownLocales =
  (strapi: Core.Strapi, appliesTo: (uid: string) => boolean): DocumentMiddleware =>
  async (context, next) => {
    const given = context.params.locale;
    const locales = (Array.isArray(given) ? given : [given]).filter(
      (locale): locale is string => typeof locale === 'string' && locale !== '*'
    );
    if (!appliesTo(context.uid) || !LOCALE_WRITES.has(context.action) || locales.length === 0) return next();
    if ((context.contentType as LocalizedModel).pluginOptions?.i18n?.localized !== true) return next();
    const codes = await siteLocaleCodes(strapi);
    const unknown = locales.find((locale) => !codes.includes(locale));
    if (unknown !== undefined)
      throw validationError([{ path: ['locale'], message: `locale: unknown locale "${unknown}"; available: ${codes.join(', ')}` }]);
    return next();
  };
