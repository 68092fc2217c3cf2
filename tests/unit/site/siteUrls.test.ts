import { buildSiteUrl, siteTypeOf } from '../../../src/lib/site/siteUrls';

const site = {
  url: 'https://www.example.org',
  name: 'Diversidays',
  organization: { name: 'Diversidays', url: 'https://www.example.org' },
  paths: {
    article: { default: '/{locale}/news/{slug}', fr: '/fr/actualites/{slug}', en: '/en/news/{slug}' },
    manifesto: { default: '/{locale}/manifesto', fr: '/fr/manifeste' },
  },
};

describe('buildSiteUrl', () => {
  it.each([
    ['article', 'fr', 'declics', 'https://www.example.org/fr/actualites/declics'],
    ['article', 'de', 'declics', 'https://www.example.org/de/news/declics'],
    ['article', 'fr', null, undefined],
    ['manifesto', 'fr', undefined, 'https://www.example.org/fr/manifeste'],
    ['manifesto', 'en', undefined, 'https://www.example.org/en/manifesto'],
    ['person', 'fr', 'x', undefined],
    ['article', 'fr', 'a b', 'https://www.example.org/fr/actualites/a%20b'],
  ])('%s %s %s → %s', (type, locale, slug, expected) => {
    expect(buildSiteUrl(site, type, locale, slug)).toBe(expected);
  });

  it('names types as the site does', () => {
    expect(siteTypeOf('api::press-coverage.press-coverage')).toBe('press-coverage');
  });
});
