/**
 * Business rules that Strapi's schema cannot express, as pure functions over a stored entry.
 * Each returns the violations it finds; an empty list means the entry is valid.
 */
export type Violation = { path: string[]; message: string };
export type Entry = Record<string, unknown>;
type Rule = (entry: Entry) => Violation[];

const toTime = (value: unknown): number | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const time = new Date(value as string).getTime();
  return Number.isNaN(time) ? undefined : time;
};

export const embargoOnlyOnPressReleases: Rule = (entry) =>
  entry.embargoUntil && entry.kind !== 'press-release'
    ? [
        {
          path: ['embargoUntil'],
          message: `embargoUntil: seul un communiqué de presse peut être sous embargo / only a press release (kind "press-release") can have an embargo, this one is "${String(entry.kind)}"`,
        },
      ]
    : [];

export const endDateNotBeforeStartDate: Rule = (entry) => {
  const start = toTime(entry.startDate);
  const end = toTime(entry.endDate);
  return start !== undefined && end !== undefined && end < start
    ? [
        {
          path: ['endDate'],
          message: `endDate: la date de fin (${String(entry.endDate)}) précède la date de début (${String(entry.startDate)}) / end date is before start date`,
        },
      ]
    : [];
};

export const pressContactIsReachable: Rule = (entry) =>
  entry.isPressContact === true && !entry.email && !entry.phone
    ? [
        {
          path: ['email'],
          message: 'email: un contact presse a besoin d’un e-mail ou d’un téléphone / a press contact needs an email or a phone number',
        },
      ]
    : [];

export const RULES_BY_TYPE: Record<string, Rule[]> = {
  'api::article.article': [embargoOnlyOnPressReleases],
  'api::edition.edition': [endDateNotBeforeStartDate],
  'api::person.person': [pressContactIsReachable],
};

export const findViolations = (uid: string, entry: Entry): Violation[] => (RULES_BY_TYPE[uid] ?? []).flatMap((rule) => rule(entry));
