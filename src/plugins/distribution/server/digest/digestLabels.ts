/** The words of the digest per locale; any other locale reads English. */
export type DigestLabels = {
  heading: string;
  since: (date: string) => string;
  news: string;
  pressReleases: string;
  pressCoverage: string;
  upcomingEditions: string;
  nothingNew: string;
  /** The preview line mail clients show after the subject. */
  preheader: (titles: string[]) => string;
  /** Link text that names its article, so a screen reader's list of links tells them apart. */
  readMore: (title: string) => string;
  from: (start: string, end: string) => string;
};

const LABELS: Record<string, DigestLabels> = {
  fr: {
    heading: 'La lettre d’information',
    since: (date) => `Publié depuis le ${date}`,
    news: 'Actualités',
    pressReleases: 'Communiqués de presse',
    pressCoverage: 'Revue de presse',
    upcomingEditions: 'Prochaines éditions',
    nothingNew: 'Rien de nouveau depuis la dernière lettre.',
    preheader: (titles) => (titles.length > 0 ? `Au sommaire : ${titles.join(' · ')}` : 'Rien de nouveau depuis la dernière lettre.'),
    readMore: (title) => `Lire la suite : ${title}`,
    from: (start, end) => `Du ${start} au ${end}`,
  },
  en: {
    heading: 'Newsletter',
    since: (date) => `Published since ${date}`,
    news: 'News',
    pressReleases: 'Press releases',
    pressCoverage: 'Press coverage',
    upcomingEditions: 'Upcoming editions',
    nothingNew: 'Nothing new since the last newsletter.',
    preheader: (titles) => (titles.length > 0 ? `In this issue: ${titles.join(' · ')}` : 'Nothing new since the last newsletter.'),
    readMore: (title) => `Read more: ${title}`,
    from: (start, end) => `From ${start} to ${end}`,
  },
};

export const digestLabels = (locale: string): DigestLabels => LABELS[locale] ?? LABELS.en;

/** A day in words ("28 septembre 2020"); instants are read in the association's time zone, calendar dates as they are. */
export const formatDay = (value: string, locale: string, timeZone: string): string => {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: dateOnly ? 'UTC' : timeZone }).format(date);
};
