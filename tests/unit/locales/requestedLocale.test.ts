import { pickLocale } from '../../../src/locales/requestedLocale';

describe('pickLocale', () => {
  const known = ['fr', 'en', 'pt-BR'];

  it.each([
    [undefined, 'fr'],
    ['', 'fr'],
    ['en', 'en'],
    ['EN', 'en'],
    ['pt-br', 'pt-BR'],
  ])('%j → %s', (requested, expected) => {
    expect(pickLocale(requested, known, 'fr')).toBe(expected);
  });

  it.each([['de'], [['fr', 'en']], ['*']])('refuses %j, naming the locale parameter', (requested) => {
    try {
      pickLocale(requested, known, 'fr');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toMatchObject({ name: 'ValidationError', details: { errors: [{ path: ['locale'] }] } });
      expect((error as Error).message).toMatch(/^locale: .* is not one of fr, en, pt-BR$/);
    }
  });
});
