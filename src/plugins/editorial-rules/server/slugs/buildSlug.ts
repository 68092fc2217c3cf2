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

/** The `position`-th slug a document whose title gives `base` may take: `base`, then `base-2`, `base-3`… */
const candidateAt = (base: string, position: number): string => (position === 0 ? base : `${base}-${position + 1}`);

/** `count` candidates from the `from`-th on, in the order `firstFreeSlug` tries them. */
export const slugCandidates = (base: string, from: number, count: number): string[] =>
  Array.from({ length: count }, (_, offset) => candidateAt(base, from + offset));

/** The first of `base`, `base-2`, `base-3`… that is not taken: deterministic for the same state. */
export const firstFreeSlug = (base: string, taken: ReadonlySet<string>): string => {
  for (let position = 0; ; position += 1) {
    const candidate = candidateAt(base, position);
    if (!taken.has(candidate)) return candidate;
  }
};
