import { LocaleConfigurationError, parseLocaleList } from '../../../src/locales/localeSettings';

const KNOWN = ['fr', 'en', 'de', 'es', 'pt-BR', 'ar'];

describe('parseLocaleList', () => {
  it.each([
    [undefined, ['fr', 'en']],
    ['', ['fr', 'en']],
    ['de', ['fr', 'en', 'de']],
    [' de , es ,', ['fr', 'en', 'de', 'es']],
    ['pt-br', ['fr', 'en', 'pt-BR']],
    ['en,fr,de,de', ['fr', 'en', 'de']],
  ])('%p gives %p', (raw, expected) => {
    expect(parseLocaleList(raw, KNOWN)).toEqual(expected);
  });

  it.each([['xx'], ['de,klingon'], ['fr_FR']])('refuses %p with a message naming the code', (raw) => {
    expect(() => parseLocaleList(raw, KNOWN)).toThrow(LocaleConfigurationError);
    expect(() => parseLocaleList(raw, KNOWN)).toThrow(/PASSERELLE_EXTRA_LOCALES lists unknown locale code/);
  });
});
