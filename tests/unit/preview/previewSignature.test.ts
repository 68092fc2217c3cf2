import fc from 'fast-check';
import { signPreviewUrl, verifyPreviewUrl } from '../../../src/plugins/staff-admin/server/preview/previewSignature';

const SECRET = 'shared-with-the-site';
const NOW = new Date('2031-03-01T10:00:00Z');
const IN_AN_HOUR = Math.floor(NOW.getTime() / 1000) + 3600;
const signed = signPreviewUrl(
  'https://www.example.org/fr/actualites/lancement?preview=true',
  { locale: 'fr', status: 'draft', expires: IN_AN_HOUR },
  SECRET
);

const withParam = (url: string, name: string, value: string) => {
  const changed = new URL(url);
  changed.searchParams.set(name, value);
  return changed.toString();
};

describe('verifyPreviewUrl', () => {
  it('accepts the link as signed, until it expires', () => {
    expect(verifyPreviewUrl(signed, SECRET, NOW)).toEqual({
      valid: true,
      path: '/fr/actualites/lancement',
      locale: 'fr',
      status: 'draft',
      expires: new Date(IN_AN_HOUR * 1000),
    });
    expect(verifyPreviewUrl(signed, SECRET, new Date(IN_AN_HOUR * 1000))).toEqual({ valid: false, reason: 'expired' });
  });

  it.each([
    ['the bare draft marker anyone can add', 'https://www.example.org/fr/actualites/lancement?preview=true', 'unsigned'],
    ['another page with the same signature', signed.replace('/lancement', '/embargo-secret'), 'bad-signature'],
    ['another locale', withParam(signed, 'locale', 'en'), 'bad-signature'],
    ['another status', withParam(signed, 'status', 'published'), 'bad-signature'],
    ['a later expiry', withParam(signed, 'expires', String(IN_AN_HOUR + 86400)), 'bad-signature'],
    ['a signature of the wrong length', withParam(signed, 'signature', 'abc'), 'bad-signature'],
    ['a non-numeric expiry', withParam(signed, 'expires', '1e12'), 'unsigned'],
  ])('refuses %s', (_label, url, reason) => {
    expect(verifyPreviewUrl(url, SECRET, NOW)).toEqual({ valid: false, reason });
  });

  it('refuses the link with another secret', () => {
    expect(verifyPreviewUrl(signed, 'another-secret', NOW)).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('accepts any signed path, locale and status, and nothing else signed with them changed', () => {
    fc.assert(
      fc.property(
        fc.webPath(),
        fc.constantFrom('fr', 'en', 'de'),
        fc.constantFrom('draft', 'published'),
        fc.integer({ min: 1, max: 10_000_000 }),
        (path, locale, status, seconds) => {
          const expires = Math.floor(NOW.getTime() / 1000) + seconds;
          const url = signPreviewUrl(
            `https://site.example${path.startsWith('/') ? path : `/${path}`}`,
            { locale, status, expires },
            SECRET
          );
          return (
            verifyPreviewUrl(url, SECRET, NOW).valid && !verifyPreviewUrl(withParam(url, 'expires', String(expires + 1)), SECRET, NOW).valid
          );
        }
      )
    );
  });
});
