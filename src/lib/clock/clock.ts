import { readTestClock } from './testClockFile';

/**
 * The one source of "now" for visibility rules (embargo, scheduled publishing, edition status).
 * Tests move it forward instead of sleeping; production never calls `setClock`.
 * Browser tests, which run the server in another process, use PASSERELLE_TEST_CLOCK_FILE
 * (see testClockFile.ts; ignored when NODE_ENV=production).
 */
let testClockPath: string | undefined;
let timezone = 'Europe/Paris';

/** Set once by the app at register, from config/passerelle.ts (`timezone`, `testing.clockFile`). */
export const useClockSettings = (settings: { timezone?: string; testClockFile?: string }): void => {
  if (settings.timezone) timezone = settings.timezone;
  testClockPath = settings.testClockFile || undefined;
};

const realNow = (): Date => (testClockPath ? readTestClock(testClockPath) : undefined) ?? new Date();

let currentNow: () => Date = realNow;

export const now = (): Date => currentNow();

export const setClock = (source: () => Date): void => {
  currentNow = source;
};

export const resetClock = (): void => {
  currentNow = realNow;
};

/** Where the association works (`PASSERELLE_TIMEZONE`): calendar days, digest weeks, an edition's status. */
export const siteTimezone = (): string => timezone;

/** The last time zone's formatter, kept: building one costs far more than using it, and lists date every item. */
let dayFormatter: { timeZone: string; format: (at: Date) => string } | undefined;

const dayFormatterOf = (timeZone: string) => {
  if (dayFormatter?.timeZone !== timeZone) {
    const formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatter = { timeZone, format: (at) => formatter.format(at) };
  }
  return dayFormatter;
};

/** Today's calendar date (YYYY-MM-DD) where the association works, for date-only fields. */
export const todayInSiteTimezone = (at: Date = now()): string => dayFormatterOf(timezone).format(at);
