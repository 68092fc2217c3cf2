import { corsPolicy, originOf } from '../../../src/config/corsPolicy';

describe('corsPolicy', () => {
  const defaults = { configured: [], siteUrl: 'https://www.diversidays.test/fr', publicUrl: 'https://cms.diversidays.test' };

  it.each([
    ['the site and the admin by default', defaults, ['https://www.diversidays.test', 'https://cms.diversidays.test']],
    ['the site alone when the API has no public URL', { ...defaults, publicUrl: '' }, ['https://www.diversidays.test']],
    [
      'CORS_ORIGINS instead of the defaults',
      { ...defaults, configured: ['https://a.test', ' https://b.test ', ''] },
      ['https://a.test', 'https://b.test'],
    ],
    [
      'an empty CORS_ORIGINS (as copied from .env.example) as the defaults',
      { ...defaults, configured: [''] },
      ['https://www.diversidays.test', 'https://cms.diversidays.test'],
    ],
    [
      'one entry when the site and the admin share an origin',
      { ...defaults, publicUrl: 'https://www.diversidays.test/cms' },
      ['https://www.diversidays.test'],
    ],
  ])('allows %s', (_case, input, origins) => {
    expect(corsPolicy(input).origins).toEqual(origins);
  });

  it.each([
    ['https://cms.diversidays.test', true],
    ['https://www.diversidays.test', false],
    ['https://evil.example', false],
    ['', false],
  ])('credentials for %s: %s', (origin, allowed) => {
    expect(corsPolicy(defaults).allowsCredentials(origin)).toBe(allowed);
  });

  it('gives credentials to nobody when the admin origin is unknown', () => {
    expect(corsPolicy({ ...defaults, publicUrl: '' }).allowsCredentials('')).toBe(false);
    expect(originOf('/relative')).toBeUndefined();
  });
});
