import slugify from 'slugify';

export const MAX_SLUG_LENGTH = 80;

/**
 * « DéClics Numériques passe la deuxième » → `declics-numeriques-passe-la-deuxieme`.
 * Apostrophes separate words (« l’association » → `l-association`); `language` is slugify's
 * transliteration language (`fr`: « & » → `et`), from the plugin's `slugs.language`.
 */
export const buildSlug = (text: string, language: string): string => {
  const slug = slugify(text.replace(/['’‘`´]/g, ' '), { lower: true, strict: true, locale: language, trim: true });
  return slug.slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
};

/** The first of `base`, `base-2`, `base-3`… that is not taken: deterministic for the same state. */
export const firstFreeSlug = (base: string, taken: ReadonlySet<string>): string => {
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${base}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
};
