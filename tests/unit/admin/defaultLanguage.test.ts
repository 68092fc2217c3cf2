import { ADMIN_LANGUAGE_KEY, preferDefaultLanguage } from '../../../src/admin/defaultLanguage';

const memoryStorage = (initial: Record<string, string> = {}) => {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    values,
  };
};

describe('preferDefaultLanguage', () => {
  it('starts a browser that never chose in French', () => {
    const storage = memoryStorage();
    preferDefaultLanguage(storage);
    expect(storage.values.get(ADMIN_LANGUAGE_KEY)).toBe('fr');
  });

  it('keeps a language chosen before', () => {
    const storage = memoryStorage({ [ADMIN_LANGUAGE_KEY]: 'en' });
    preferDefaultLanguage(storage);
    expect(storage.values.get(ADMIN_LANGUAGE_KEY)).toBe('en');
  });
});
