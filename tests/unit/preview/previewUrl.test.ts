import { previewOrigins, previewUrl } from '../../../src/plugins/staff-admin/server/preview/previewUrl';
import { PREVIEW_PARAMS, verifyPreviewUrl } from '../../../src/plugins/staff-admin/server/preview/previewSignature';
import type { SiteConfig } from '../../../src/lib/site/siteUrls';

const site: SiteConfig = {
  url: 'https://www.example.org',
  name: 'Diversidays',
  organization: { name: 'Diversidays', url: 'https://www.example.org' },
  paths: {
    article: { default: '/{locale}/news/{slug}', fr: '/fr/actualites/{slug}', en: '/en/news/{slug}' },
    edition: { default: '/{locale}/editions/{slug}', fr: '/fr/editions/{slug}' },
    manifesto: { default: '/{locale}/manifesto', fr: '/fr/manifeste' },
  },
};

const signing = { secret: 'shared-with-the-site', expiresAt: new Date('2031-01-01T01:00:00Z') };

describe('previewUrl', () => {
  it.each([
    [
      'published French article',
      { uid: 'api::article.article', locale: 'fr', status: 'published', slug: 'lancement' },
      'https://www.example.org/fr/actualites/lancement',
    ],
    [
      'draft English article',
      { uid: 'api::article.article', locale: 'en', status: 'draft', slug: 'launch' },
      'https://www.example.org/en/news/launch?preview=true',
    ],
    [
      'no locale: the default one',
      { uid: 'api::edition.edition', status: 'published', slug: 'montpellier-3' },
      'https://www.example.org/fr/editions/montpellier-3',
    ],
    [
      'another locale: the default pattern',
      { uid: 'api::edition.edition', locale: 'de', status: 'published', slug: 'x' },
      'https://www.example.org/de/editions/x',
    ],
    [
      'a page without slug',
      { uid: 'api::manifesto.manifesto', locale: 'fr', status: 'draft' },
      'https://www.example.org/fr/manifeste?preview=true',
    ],
    [
      'a slug to encode',
      { uid: 'api::article.article', locale: 'fr', status: 'published', slug: 'été 2031' },
      'https://www.example.org/fr/actualites/%C3%A9t%C3%A9%202031',
    ],
    ['no slug yet', { uid: 'api::article.article', locale: 'fr', status: 'draft', slug: null }, undefined],
    ['a type with no page', { uid: 'api::person.person', locale: 'fr', status: 'draft', slug: 'x' }, undefined],
  ])('%s', (_label, target, expected) => {
    const url = previewUrl(site, target, 'fr', signing);
    if (url === undefined || target.status !== 'draft') {
      expect(url).toBe(expected);
      return;
    }
    // Drafts also carry their signature, checked below; the page address is the expected one.
    const unsigned = new URL(url);
    for (const name of Object.values(PREVIEW_PARAMS)) unsigned.searchParams.delete(name);
    expect(unsigned.toString()).toBe(expected);
    expect(verifyPreviewUrl(url, signing.secret, new Date('2031-01-01T00:00:00Z'))).toMatchObject({
      valid: true,
      status: 'draft',
      locale: ('locale' in target && target.locale) || 'fr',
    });
  });
});

describe('previewOrigins', () => {
  it.each([
    ['https://www.example.org/', ['https://www.example.org']],
    ['http://localhost:3000', ['http://localhost:3000']],
    ['not a url', []],
  ])('%s', (url, expected) => {
    expect(previewOrigins(url)).toEqual(expected);
  });
});
