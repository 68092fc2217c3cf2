/**
 * Demo content, from the facts in shared/reference/DEMO-CONTENT.md (a ToulÉco article of September
 * 2020 about DéClics Numériques). French is the original; English versions are our translations.
 * Keys (`key`) let entries refer to each other; the seeder turns them into documentIds.
 */

export type Localized<T> = { fr: T; en: T };

export type Block = { type: 'paragraph'; children: Array<{ type: 'text'; text: string }> };

export const paragraphs = (...texts: string[]): Block[] => texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));

export const DEMO_IMAGE = {
  file: 'passerelle-bridge.jpg',
  name: 'passerelle-bridge.jpg',
  alternativeText: {
    fr: 'Illustration : une passerelle blanche relie deux rives sous un ciel violet et un soleil jaune.',
    en: 'Illustration: a white footbridge links two banks under a purple sky and a yellow sun.',
  },
  caption: {
    fr: 'Des passerelles vers la Tech et les métiers du numérique.',
    en: 'Bridges towards Tech and digital jobs.',
  },
  credit: 'Passerelle',
  licence: 'CC BY 4.0',
};

export type PartnerSeed = {
  key: string;
  name: string;
  kind: 'company' | 'public-body' | 'association' | 'public-employment-service' | 'media' | 'event';
  website?: string;
  description: Localized<string>;
};

export const partners: PartnerSeed[] = [
  {
    key: 'region-occitanie',
    name: 'Région Occitanie',
    kind: 'public-body',
    website: 'https://www.laregion.fr',
    description: {
      fr: 'Le conseil régional d’Occitanie, co-organisateur du programme DéClics Numériques.',
      en: 'The regional council of Occitanie, co-organiser of the DéClics Numériques programme.',
    },
  },
  {
    key: 'pole-emploi',
    name: 'Pôle emploi',
    kind: 'public-employment-service',
    website: 'https://www.pole-emploi.fr',
    description: {
      fr: 'Le service public de l’emploi, co-organisateur de DéClics Numériques avec la Région Occitanie.',
      en: 'The French public employment service, co-organiser of DéClics Numériques with Région Occitanie.',
    },
  },
  {
    key: 'google',
    name: 'Google (Ateliers Numériques)',
    kind: 'company',
    website: 'https://www.google.fr',
    description: {
      fr: 'Partenaire de l’événement : Google intervient dans plusieurs ateliers à travers ses Ateliers Numériques.',
      en: 'Event partner: Google speaks at several workshops through its Ateliers Numériques.',
    },
  },
  {
    key: 'pierre-fabre',
    name: 'Pierre Fabre',
    kind: 'company',
    website: 'https://www.pierre-fabre.com',
    description: {
      fr: 'Groupe pharmaceutique, partenaire de l’événement, qui intervient dans plusieurs ateliers.',
      en: 'Pharmaceutical group and event partner, speaking at several workshops.',
    },
  },
  {
    key: 'la-melee-numerique',
    name: 'La Mêlée Numérique',
    kind: 'event',
    description: {
      fr: 'L’événement toulousain du numérique qui a accueilli, le 28 septembre 2020, le lancement de la deuxième édition.',
      en: 'Toulouse’s digital event, where the second edition was launched on 28 September 2020.',
    },
  },
];

export type PersonSeed = {
  key: string;
  name: string;
  role: Localized<string>;
  organisation?: string;
  isPressContact?: boolean;
  email?: string;
  phone?: string;
};

export const people: PersonSeed[] = [
  {
    key: 'armand-cosseron',
    name: 'Armand Cosseron',
    role: { fr: 'Chargé du développement, Diversidays', en: 'Development officer, Diversidays' },
  },
  {
    key: 'joseph-sanfilippo',
    name: 'Joseph Sanfilippo',
    role: { fr: 'Directeur du Pôle emploi Hérault', en: 'Director of Pôle emploi Hérault' },
    organisation: 'pole-emploi',
  },
  {
    key: 'cedric-o',
    name: 'Cédric O',
    role: {
      fr: 'Secrétaire d’État chargé de la Transition numérique et des Communications électroniques',
      en: 'Minister of State for the Digital Transition and Electronic Communications',
    },
  },
  {
    key: 'mounira-hamdi',
    name: 'Mounira Hamdi',
    role: { fr: 'Cofondatrice de Diversidays', en: 'Co-founder of Diversidays' },
  },
  {
    key: 'anthony-babkine',
    name: 'Anthony Babkine',
    role: { fr: 'Cofondateur de Diversidays', en: 'Co-founder of Diversidays' },
  },
  {
    // A placeholder desk, not a real person: the source gives no press contact.
    key: 'press-desk',
    name: 'Service presse (démo)',
    role: { fr: 'Relations presse', en: 'Press relations' },
    isPressContact: true,
    email: 'presse@passerelle.example',
  },
];

export const programme = {
  key: 'declics-numeriques',
  name: { fr: 'DéClics Numériques', en: 'DéClics Numériques' },
  description: {
    fr: paragraphs(
      'Un programme d’égalité des chances de Diversidays, mené avec la Région Occitanie et Pôle emploi, pour les demandeurs d’emploi du territoire.',
      'Après la formation, les personnes inscrites sont recontactées pour suivre des formations plus spécifiques selon leurs profils et leurs projets professionnels.'
    ),
    en: paragraphs(
      'An equal-opportunity programme by Diversidays, run with Région Occitanie and Pôle emploi, for job seekers of the region.',
      'Afterwards, participants are contacted again for more specific training matched to their profile and career plans.'
    ),
  },
  aims: {
    fr: [
      'Améliorer sa connaissance des outils numériques',
      'Découvrir la diversité des métiers de la Tech',
      'Connaître ses atouts',
      'Continuer à construire son parcours',
    ],
    en: [
      'Get to know digital tools better',
      'Discover the diversity of tech jobs',
      'Know one’s strengths',
      'Keep building one’s career path',
    ],
  },
  audience: {
    fr: 'Demandeurs d’emploi d’Occitanie, en particulier issus de milieux populaires et de zones rurales.',
    en: 'Job seekers in Occitanie, especially from working-class neighbourhoods and rural areas.',
  },
};

type PartnerRole = 'co-organiser' | 'funder' | 'event-partner' | 'workshop-host' | 'venue';

export type EditionSeed = {
  key: string;
  number: number;
  title: Localized<string>;
  territory: { region: string; department: string; departmentCode: string };
  startDate: string;
  endDate: string;
  format: 'online' | 'in-person' | 'hybrid';
  summary: Localized<string>;
  launchEvent?: Localized<{ name: string; date: string; place: string }>;
  workshops: Localized<Array<{ title: string; host?: string }>>;
  partners: Array<{ partner: string; role: PartnerRole }>;
  outcomes: Localized<Array<{ label: string; value: number; unit?: string; expectedValue?: number; source?: string }>>;
  registrationUrl?: string;
};

const SOURCE_TOULECO = {
  fr: 'Pôle emploi Hérault, cité par ToulÉco (sept. 2020)',
  en: 'Pôle emploi Hérault, quoted by ToulÉco (Sept. 2020)',
};

export const editions: EditionSeed[] = [
  {
    key: 'herault-2020',
    number: 1,
    title: { fr: 'DéClics Numériques Hérault, été 2020', en: 'DéClics Numériques Hérault, summer 2020' },
    territory: { region: 'Occitanie', department: 'Hérault', departmentCode: '34' },
    // The source says "this summer"; the dates are the bounds of summer 2020.
    startDate: '2020-06-20',
    endDate: '2020-09-22',
    format: 'online',
    summary: {
      fr: 'La première édition, proposée cet été dans l’Hérault : « On peut parler d’un succès », selon le directeur du Pôle emploi Hérault.',
      en: 'The first edition, held in Hérault in the summer: "We can call it a success", said the director of Pôle emploi Hérault.',
    },
    workshops: { fr: [], en: [] },
    partners: [
      { partner: 'region-occitanie', role: 'co-organiser' },
      { partner: 'pole-emploi', role: 'co-organiser' },
    ],
    outcomes: {
      fr: [
        { label: 'Personnes ayant suivi le live vidéo de présentation', value: 3400, unit: 'personnes', source: SOURCE_TOULECO.fr },
        {
          label: 'Demandeurs d’emploi inscrits aux ateliers en ligne',
          value: 330,
          unit: 'personnes',
          expectedValue: 110,
          source: SOURCE_TOULECO.fr,
        },
        {
          label: 'Participants allés jusqu’au bout et ayant présenté leur projet professionnel à des chefs d’entreprise',
          value: 100,
          unit: 'personnes',
          source: SOURCE_TOULECO.fr,
        },
        { label: 'Demandeurs d’emploi satisfaits ou très satisfaits', value: 84, unit: '%', source: SOURCE_TOULECO.fr },
      ],
      en: [
        { label: 'People who watched the live video presentation', value: 3400, unit: 'people', source: SOURCE_TOULECO.en },
        {
          label: 'Job seekers registered for the online workshops',
          value: 330,
          unit: 'people',
          expectedValue: 110,
          source: SOURCE_TOULECO.en,
        },
        {
          label: 'Participants who went all the way and presented their career plan to business leaders',
          value: 100,
          unit: 'people',
          source: SOURCE_TOULECO.en,
        },
        { label: 'Job seekers satisfied or very satisfied', value: 84, unit: '%', source: SOURCE_TOULECO.en },
      ],
    },
  },
  {
    key: 'haute-garonne-2020',
    number: 2,
    title: { fr: 'DéClics Numériques Haute-Garonne, automne 2020', en: 'DéClics Numériques Haute-Garonne, autumn 2020' },
    territory: { region: 'Occitanie', department: 'Haute-Garonne', departmentCode: '31' },
    startDate: '2020-09-28',
    endDate: '2020-10-05',
    format: 'hybrid',
    summary: {
      fr: 'Lancée à Toulouse le lundi 28 septembre 2020 pendant La Mêlée Numérique, la deuxième édition propose une vingtaine d’ateliers en ligne jusqu’au lundi 5 octobre.',
      en: 'Launched in Toulouse on Monday 28 September 2020 during La Mêlée Numérique, the second edition offers about twenty online workshops until Monday 5 October.',
    },
    launchEvent: {
      fr: { name: 'Lancement à La Mêlée Numérique 2020', date: '2020-09-28', place: 'Toulouse' },
      en: { name: 'Launch at La Mêlée Numérique 2020', date: '2020-09-28', place: 'Toulouse' },
    },
    workshops: {
      fr: [
        { title: 'Ateliers Numériques de Google', host: 'google' },
        { title: 'Ateliers avec le groupe Pierre Fabre', host: 'pierre-fabre' },
      ],
      en: [
        { title: 'Google’s Ateliers Numériques workshops', host: 'google' },
        { title: 'Workshops with the Pierre Fabre group', host: 'pierre-fabre' },
      ],
    },
    partners: [
      { partner: 'region-occitanie', role: 'co-organiser' },
      { partner: 'pole-emploi', role: 'co-organiser' },
      { partner: 'google', role: 'event-partner' },
      { partner: 'google', role: 'workshop-host' },
      { partner: 'pierre-fabre', role: 'event-partner' },
      { partner: 'pierre-fabre', role: 'workshop-host' },
      { partner: 'la-melee-numerique', role: 'venue' },
    ],
    outcomes: {
      fr: [
        { label: 'Ateliers en ligne du 29 septembre au 5 octobre', value: 20, unit: 'ateliers (environ)', source: 'ToulÉco (sept. 2020)' },
      ],
      en: [
        { label: 'Online workshops from 29 September to 5 October', value: 20, unit: 'workshops (about)', source: 'ToulÉco (Sept. 2020)' },
      ],
    },
    registrationUrl: 'https://www.diversidays.com',
  },
];

export const pressCoverage = {
  key: 'touleco-declics-2',
  headline: 'DéClics Numériques passe la deuxième',
  outlet: { name: 'ToulÉco', website: 'https://www.touleco.fr' },
  journalist: 'Matthias Hardoy',
  publicationDate: '2020-09-28',
  // The article's own address is not in our source; the outlet's site is the closest link we can vouch for.
  originalUrl: 'https://www.touleco.fr',
  medium: 'online' as const,
  originalLanguage: 'fr',
  summary: {
    fr: 'ToulÉco raconte le lancement de la deuxième édition de DéClics Numériques en Haute-Garonne, pendant La Mêlée Numérique 2020, et le bilan de la première édition dans l’Hérault.',
    en: 'ToulÉco reports on the launch of the second edition of DéClics Numériques in Haute-Garonne during La Mêlée Numérique 2020, and on the results of the first edition in Hérault.',
  },
  quotes: {
    fr: [
      {
        text: 'Notre combat de tous les jours, c’est de montrer aux personnes issues de milieux populaires, de zones rurales, etc. qu’il y a des passerelles vers la Tech et les métiers du numérique, qu’il est vraiment possible d’y accéder.',
        speaker: 'Armand Cosseron',
        speakerRole: 'Chargé du développement, Diversidays',
      },
      { text: 'On peut parler d’un succès.', speaker: 'Joseph Sanfilippo', speakerRole: 'Directeur du Pôle emploi Hérault' },
      {
        text: 'Le manque de diversité dans le numérique pose un problème important d’égalité.',
        speaker: 'Cédric O',
        speakerRole: 'Secrétaire d’État chargé de la Transition numérique et des Communications électroniques',
      },
      {
        text: 'De tels programmes doivent être les chevaux de Troie de la diversité.',
        speaker: 'Cédric O',
        speakerRole: 'Secrétaire d’État chargé de la Transition numérique et des Communications électroniques',
      },
    ],
    en: [
      {
        text: 'Our everyday fight is to show people from working-class backgrounds, rural areas and so on that there are bridges into Tech and digital jobs, that they really can get in.',
        speaker: 'Armand Cosseron',
        speakerRole: 'Development officer, Diversidays',
      },
      { text: 'We can call it a success.', speaker: 'Joseph Sanfilippo', speakerRole: 'Director of Pôle emploi Hérault' },
      {
        text: 'The lack of diversity in digital is a serious problem of equality.',
        speaker: 'Cédric O',
        speakerRole: 'Minister of State for the Digital Transition and Electronic Communications',
      },
      {
        text: 'Programmes like this must be the Trojan horses of diversity.',
        speaker: 'Cédric O',
        speakerRole: 'Minister of State for the Digital Transition and Electronic Communications',
      },
    ],
  },
  photoCaption: {
    fr: 'Cédric O, secrétaire d’État chargé de la Transition numérique et des Communications électroniques, répond à une interview télévisée avant le lancement de la deuxième édition de DéClics Numériques.',
    en: 'Cédric O, Minister of State for the Digital Transition and Electronic Communications, answers a TV interview before the launch of the second edition of DéClics Numériques.',
  },
  photoCredit: 'M.H. - ToulÉco',
  editions: ['haute-garonne-2020', 'herault-2020'],
  partners: ['region-occitanie', 'pole-emploi', 'google', 'pierre-fabre', 'la-melee-numerique'],
};

export const manifesto = {
  title: { fr: 'Le manifeste de Diversidays', en: 'The Diversidays manifesto' },
  preamble: {
    fr: paragraphs(
      'Diversidays est une association qui promeut l’inclusion par le numérique, en particulier auprès des jeunes. Elle a été créée en 2017 par Mounira Hamdi et Anthony Babkine.'
    ),
    en: paragraphs(
      'Diversidays is an association that promotes inclusion through digital technology, especially among young people. It was founded in 2017 by Mounira Hamdi and Anthony Babkine.'
    ),
  },
  principles: {
    fr: [
      {
        statement: 'Le talent est féminin, masculin, de nos banlieues ou de nos régions, LGBT+, en situation de handicap.',
        explanation:
          'Le numérique doit ressembler à celles et ceux qui le vivent : personne n’en est exclu par son origine, son territoire, son genre ou son handicap.',
      },
      {
        statement: 'Il y a des passerelles vers la Tech et les métiers du numérique.',
        explanation:
          'Notre combat de tous les jours : montrer aux personnes issues de milieux populaires et de zones rurales qu’il est vraiment possible d’y accéder.',
      },
    ],
    en: [
      {
        statement: 'Talent is female, male, from our suburbs or our regions, LGBT+, living with a disability.',
        explanation: 'Digital should look like the people who live it: nobody is shut out by origin, place, gender or disability.',
      },
      {
        statement: 'There are bridges into Tech and digital jobs.',
        explanation: 'Our everyday fight: showing people from working-class backgrounds and rural areas that they really can get in.',
      },
    ],
  },
  founders: ['mounira-hamdi', 'anthony-babkine'],
  foundingYear: 2017,
};

export type ArticleSeed = {
  key: string;
  kind: 'news' | 'press-release' | 'announcement';
  title: Localized<string>;
  standfirst: Localized<string>;
  body: Localized<Block[]>;
  tags: Localized<string[]>;
  byline?: string;
  embargoUntil?: string;
  editions: string[];
  partners: string[];
  pressContacts: string[];
};

export const articles: ArticleSeed[] = [
  {
    key: 'declics-haute-garonne-launch',
    kind: 'news',
    title: {
      fr: 'DéClics Numériques passe la deuxième en Haute-Garonne',
      en: 'DéClics Numériques shifts into second gear in Haute-Garonne',
    },
    standfirst: {
      fr: 'Lancée le 28 septembre 2020 à Toulouse pendant La Mêlée Numérique, la deuxième édition propose une vingtaine d’ateliers en ligne aux demandeurs d’emploi.',
      en: 'Launched on 28 September 2020 in Toulouse during La Mêlée Numérique, the second edition offers about twenty online workshops to job seekers.',
    },
    body: {
      fr: paragraphs(
        'Le lundi 28 septembre, dans le cadre de La Mêlée Numérique 2020, Diversidays a lancé DéClics Numériques en Haute-Garonne, avec la Région Occitanie et Pôle emploi.',
        'Du mardi 29 septembre au lundi 5 octobre, une vingtaine d’ateliers sont organisés en ligne. Google, à travers ses Ateliers Numériques, et le groupe Pierre Fabre interviennent à plusieurs reprises. Les inscriptions restent ouvertes pendant la semaine.',
        'Cédric O, secrétaire d’État chargé de la Transition numérique et des Communications électroniques, était présent : « De tels programmes doivent être les chevaux de Troie de la diversité. »'
      ),
      en: paragraphs(
        'On Monday 28 September, during La Mêlée Numérique 2020, Diversidays launched DéClics Numériques in Haute-Garonne, with Région Occitanie and Pôle emploi.',
        'From Tuesday 29 September to Monday 5 October, about twenty workshops take place online. Google, through its Ateliers Numériques, and the Pierre Fabre group speak at several of them. Registration stays open during the week.',
        'Cédric O, Minister of State for the Digital Transition and Electronic Communications, attended: "Programmes like this must be the Trojan horses of diversity."'
      ),
    },
    tags: { fr: ['DéClics Numériques', 'Haute-Garonne', 'emploi'], en: ['DéClics Numériques', 'Haute-Garonne', 'jobs'] },
    byline: 'Équipe communication',
    editions: ['haute-garonne-2020'],
    partners: ['region-occitanie', 'pole-emploi', 'google', 'pierre-fabre', 'la-melee-numerique'],
    pressContacts: [],
  },
  {
    key: 'declics-herault-results',
    kind: 'press-release',
    title: {
      fr: 'Communiqué : DéClics Numériques Hérault, 330 inscrits, trois fois plus qu’attendu',
      en: 'Press release: DéClics Numériques Hérault, 330 registrations, three times more than expected',
    },
    standfirst: {
      fr: 'Premier bilan de DéClics Numériques dans l’Hérault : 3 400 personnes devant le live de présentation, 330 demandeurs d’emploi inscrits, 84 % de satisfaits.',
      en: 'First results of DéClics Numériques in Hérault: 3,400 people watched the live presentation, 330 job seekers registered, 84% satisfied.',
    },
    body: {
      fr: paragraphs(
        'Proposé cet été dans l’Hérault avec la Région Occitanie et Pôle emploi, DéClics Numériques a réuni 3 400 personnes autour du live vidéo de présentation.',
        '330 demandeurs d’emploi se sont inscrits aux ateliers en ligne, environ trois fois plus qu’attendu. Cent sont allés jusqu’au bout et ont présenté leur projet professionnel à des chefs d’entreprise. 84 % se disent satisfaits ou très satisfaits.',
        '« On peut parler d’un succès », estime Joseph Sanfilippo, directeur du Pôle emploi Hérault.'
      ),
      en: paragraphs(
        'Held this summer in Hérault with Région Occitanie and Pôle emploi, DéClics Numériques brought 3,400 people to its live video presentation.',
        '330 job seekers registered for the online workshops, about three times more than expected. One hundred went all the way and presented their career plan to business leaders. 84% say they are satisfied or very satisfied.',
        '"We can call it a success," says Joseph Sanfilippo, director of Pôle emploi Hérault.'
      ),
    },
    tags: { fr: ['DéClics Numériques', 'Hérault', 'bilan'], en: ['DéClics Numériques', 'Hérault', 'results'] },
    byline: 'Diversidays',
    embargoUntil: '2020-09-28T07:00:00.000Z',
    editions: ['herault-2020'],
    partners: ['region-occitanie', 'pole-emploi'],
    pressContacts: ['press-desk'],
  },
];
