/** The words of the digest per locale (section headings are configured); any other locale reads English. */
export type DigestLabels = {
  heading: string;
  since: (date: string) => string;
  nothingNew: string;
  /** The preview line mail clients show after the subject. */
  preheader: (titles: string[]) => string;
  /** Link text that names its article, so a screen reader's list of links tells them apart. */
  readMore: (title: string) => string;
  from: (start: string, end: string) => string;
  /** The link that ends a section showing only part of what was published; names the section, like `readMore`. */
  moreOnSite: (section: string, siteName: string) => string;
};

const LABELS: Record<string, DigestLabels> = {
  fr: {
    heading: 'La lettre d’information',
    since: (date) => `Publié depuis le ${date}`,
    nothingNew: 'Rien de nouveau depuis la dernière lettre.',
    preheader: (titles) => (titles.length > 0 ? `Au sommaire : ${titles.join(' · ')}` : 'Rien de nouveau depuis la dernière lettre.'),
    readMore: (title) => `Lire la suite : ${title}`,
    from: (start, end) => `Du ${start} au ${end}`,
    moreOnSite: (section, siteName) => `${section} : la suite sur ${siteName}`,
  },
  en: {
    heading: 'Newsletter',
    since: (date) => `Published since ${date}`,
    nothingNew: 'Nothing new since the last newsletter.',
    preheader: (titles) => (titles.length > 0 ? `In this issue: ${titles.join(' · ')}` : 'Nothing new since the last newsletter.'),
    readMore: (title) => `Read more: ${title}`,
    from: (start, end) => `From ${start} to ${end}`,
    moreOnSite: (section, siteName) => `${section}: more on ${siteName}`,
  },
};

export const digestLabels = (locale: string): DigestLabels => LABELS[locale] ?? LABELS.en;

/** One formatter per locale and time zone: building one costs far more than using it (a digest dates up to 400 items). */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

const dayFormatter = (locale: string, timeZone: string): Intl.DateTimeFormat => {
  const key = `${locale}\u0000${timeZone}`;
  let formatter = dayFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
    dayFormatters.set(key, formatter);
  }
  return formatter;
};

/** A day in words ("28 septembre 2020"); instants are read in the association's time zone, calendar dates as they are. */
export const formatDay = (value: string, locale: string, timeZone: string): string => {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  return dayFormatter(locale, dateOnly ? 'UTC' : timeZone).format(date);
};
