import { buildSlug, firstFreeSlug, MAX_SLUG_LENGTH, slugCandidates } from '../../../src/plugins/editorial-rules/server/slugs/buildSlug';

describe('buildSlug', () => {
  it.each([
    ['DéClics Numériques passe la deuxième', 'declics-numeriques-passe-la-deuxieme'],
    ['L’association Diversidays', 'l-association-diversidays'],
    ['Santé & numérique', 'sante-et-numerique'],
    ['  Région   Occitanie  ', 'region-occitanie'],
    ['Communiqué : 84 % de satisfaits !', 'communique-84-pourcent-de-satisfaits'],
    ['???', ''],
  ])('%p → %p', (title, slug) => {
    expect(buildSlug(title, 'fr')).toBe(slug);
  });

  it('cuts long titles without a trailing dash', () => {
    const slug = buildSlug('mot '.repeat(60), 'fr');
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('firstFreeSlug', () => {
  it.each([
    [[], 'a'],
    [['a'], 'a-2'],
    [['a', 'a-2'], 'a-3'],
    [['a', 'a-3'], 'a-2'],
  ])('with %j taken gives %p', (taken, expected) => {
    expect(firstFreeSlug('a', new Set(taken))).toBe(expected);
  });
});

describe('slugCandidates', () => {
  it('lists the slugs firstFreeSlug tries, in its order, from any position', () => {
    expect(slugCandidates('a', 0, 3)).toEqual(['a', 'a-2', 'a-3']);
    expect(slugCandidates('a', 3, 2)).toEqual(['a-4', 'a-5']);
    const taken = new Set(slugCandidates('a', 0, 7));
    expect(firstFreeSlug('a', taken)).toBe(slugCandidates('a', 7, 1)[0]);
  });
});
