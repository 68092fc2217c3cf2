import type { Core } from '@strapi/strapi';

/**
 * Where the public website lives and how its page addresses are built, per type and locale.
 * Used by previews, feeds, the sitemap, JSON-LD and the newsletter digest.
 * Patterns take {locale} and {slug}; override one with SITE_PATH_<TYPE>_<LOCALE>, e.g.
 * SITE_PATH_ARTICLE_EN=/en/news/{slug}, or for every locale with SITE_PATH_<TYPE>.
 */
const DEFAULT_PATHS: Record<string, Record<string, string>> = {
  home: { fr: '/fr', en: '/en' },
  article: { fr: '/fr/actualites/{slug}', en: '/en/news/{slug}' },
  'press-coverage': { fr: '/fr/revue-de-presse/{slug}', en: '/en/press-coverage/{slug}' },
  edition: { fr: '/fr/editions/{slug}', en: '/en/editions/{slug}' },
  programme: { fr: '/fr/programmes/{slug}', en: '/en/programmes/{slug}' },
  partner: { fr: '/fr/partenaires/{slug}', en: '/en/partners/{slug}' },
  manifesto: { fr: '/fr/manifeste', en: '/en/manifesto' },
};

const envKey = (type: string) => type.toUpperCase().replace(/-/g, '_');

const config = ({ env }: Core.Config.Shared.ConfigParams) => {
  const paths = Object.fromEntries(
    Object.entries(DEFAULT_PATHS).map(([type, byLocale]) => [
      type,
      {
        // Any other locale uses this pattern.
        default: env(`SITE_PATH_${envKey(type)}`, `/{locale}${byLocale.en.replace(/^\/en/, '')}`),
        ...Object.fromEntries(
          Object.entries(byLocale).map(([locale, pattern]) => [locale, env(`SITE_PATH_${envKey(type)}_${locale.toUpperCase()}`, pattern)])
        ),
      },
    ])
  );
  const url = env('SITE_URL', 'http://localhost:3000').replace(/\/+$/, '');
  return {
    url,
    name: env('SITE_NAME', 'Diversidays'),
    paths,
    // The association as schema.org Organization (publisher of articles, organiser of editions).
    organization: {
      name: env('ORGANIZATION_NAME', env('SITE_NAME', 'Diversidays')),
      url: env('ORGANIZATION_URL', url),
      logo: env('ORGANIZATION_LOGO_URL', ''),
    },
  };
};

export default config;
