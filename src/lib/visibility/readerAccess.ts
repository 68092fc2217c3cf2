/**
 * The words the visibility plugin and its readers share: who reads, which time fields hold a
 * document back, and the pure parts of the rule. The rule as configured is the plugin's
 * (`plugin::visibility.rules`, see visibilityService.ts).
 */

export type ReaderAccess = {
  /** Journalists' tokens may read releases under embargo; nobody may read ahead of a schedule. */
  canReadEmbargoed: boolean;
  /** Only staff integrations (full-access tokens, e.g. site previews) may ask for drafts. */
  canReadDrafts: boolean;
};

export const PUBLIC_READER: ReaderAccess = { canReadEmbargoed: false, canReadDrafts: false };

/** The reader sees what the Public sees (no embargo token, no drafts): what the read model stores. */
export const readsAsPublic = (access: ReaderAccess): boolean => !access.canReadEmbargoed && !access.canReadDrafts;

/** A Document Service (or query engine) filter. */
export type Filter = Record<string, unknown>;

/** The time fields that hold a document of a type back: the schedule for everyone, the embargo for all but journalists. */
export type TimeFields = { schedule?: string; embargo?: string };

/** The time fields of a type that hold a document back, for this reader. */
export const hidingFields = (fields: TimeFields, access: ReaderAccess): string[] => [
  ...(fields.schedule ? [fields.schedule] : []),
  ...(fields.embargo && !access.canReadEmbargoed ? [fields.embargo] : []),
];

/** A type's time field names, embargo first. */
export const timeFieldNames = (fields: TimeFields): string[] =>
  [fields.embargo, fields.schedule].filter((field): field is string => Boolean(field));

const toTime = (value: unknown): number | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const time = new Date(value as string).getTime();
  return Number.isNaN(time) ? undefined : time;
};

export type EmbargoState = { until: string; active: boolean };

/** How a response marks an embargo: when it ends and whether it still holds. */
export const embargoState = (entry: Record<string, unknown>, now: Date, field: string): EmbargoState | undefined => {
  const time = toTime(entry[field]);
  if (time === undefined) return undefined;
  return { until: new Date(time).toISOString(), active: time > now.getTime() };
};
