/** Minimal valid content per type, in French and English, for tests that need "a document". */
type Json = Record<string, unknown>;

export type TypeFixture = {
  path: string;
  singleType?: boolean;
  slugSource?: string;
  fr: Json;
  en: Json;
  /** A payload that breaks one rule, and the field the error must name. */
  invalid: { data: Json; path: string };
};

const unique = () => Math.random().toString(36).slice(2, 8);

export const fixtures = (): Record<string, TypeFixture> => {
  const id = unique();
  return {
    article: {
      path: 'articles',
      slugSource: 'title',
      fr: { title: `Une actualité ${id}`, kind: 'news', standfirst: 'Résumé court.' },
      en: { title: `A news item ${id}`, standfirst: 'Short summary.' },
      invalid: { data: { title: `Mauvais type ${id}`, kind: 'gossip' }, path: 'kind' },
    },
    'press-coverage': {
      path: 'press-coverages',
      slugSource: 'headline',
      fr: {
        headline: `Article de presse ${id}`,
        outlet: { name: 'ToulÉco', website: 'https://www.touleco.fr' },
        publicationDate: '2020-09-28',
        medium: 'online',
        originalLanguage: 'fr',
        summary: 'Résumé.',
      },
      en: { summary: 'Summary.' },
      invalid: {
        data: { headline: `Lien cassé ${id}`, outlet: { name: 'X' }, publicationDate: '2020-09-28', originalUrl: 'not a url' },
        path: 'originalUrl',
      },
    },
    manifesto: {
      path: 'manifesto',
      singleType: true,
      fr: { title: 'Notre manifeste', principles: [{ statement: 'Le talent est partout.' }], foundingYear: 2017 },
      en: { title: 'Our manifesto', principles: [{ statement: 'Talent is everywhere.' }] },
      invalid: { data: { title: 'Manifeste', foundingYear: 17 }, path: 'foundingYear' },
    },
    programme: {
      path: 'programmes',
      slugSource: 'name',
      fr: { name: `Programme ${id}`, audience: 'Demandeurs d’emploi' },
      en: { name: `Programme ${id} EN`, audience: 'Job seekers' },
      invalid: { data: { name: 'x'.repeat(200) }, path: 'name' },
    },
    edition: {
      path: 'editions',
      slugSource: 'title',
      fr: {
        title: `Édition ${id}`,
        number: 1,
        territory: { region: 'Occitanie', department: 'Hérault', departmentCode: '34' },
        startDate: '2030-06-20',
        endDate: '2030-09-22',
        format: 'online',
        outcomes: [{ label: 'Inscrits', value: 330, unit: 'personnes' }],
      },
      en: { title: `Edition ${id}`, outcomes: [{ label: 'Registered', value: 330, unit: 'people' }] },
      invalid: {
        data: {
          title: `Chiffre négatif ${id}`,
          number: 1,
          territory: { region: 'Occitanie' },
          startDate: '2030-01-01',
          endDate: '2030-01-02',
          outcomes: [{ label: 'Inscrits', value: -3 }],
        },
        path: 'outcomes.0.value',
      },
    },
    partner: {
      path: 'partners',
      slugSource: 'name',
      fr: { name: `Partenaire ${id}`, kind: 'company', website: 'https://example.org', description: 'Une entreprise.' },
      en: { description: 'A company.' },
      invalid: { data: { name: `Mauvais site ${id}`, kind: 'company', website: 'ftp//nope' }, path: 'website' },
    },
    person: {
      path: 'people',
      fr: { name: `Personne ${id}`, role: 'Chargée de mission' },
      en: { role: 'Project officer' },
      invalid: { data: { name: `Contact ${id}`, isPressContact: true, email: 'not-an-email' }, path: 'email' },
    },
  };
};
