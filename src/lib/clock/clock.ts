import { readTestClock } from './testClockFile';

/**
 * The one source of "now" for visibility rules (embargo, scheduled publishing, edition status).
 * Tests move it forward instead of sleeping; production never calls `setClock`.
 * Browser tests, which run the server in another process, use PASSERELLE_TEST_CLOCK_FILE
 * (see testClockFile.ts; ignored when NODE_ENV=production).
 */
const realNow = (): Date => readTestClock() ?? new Date();

let currentNow: () => Date = realNow;

export const now = (): Date => currentNow();

export const setClock = (source: () => Date): void => {
  currentNow = source;
};

export const resetClock = (): void => {
  currentNow = realNow;
};

export const SITE_TIMEZONE = process.env.PASSERELLE_TIMEZONE || 'Europe/Paris';

/** Today's calendar date (YYYY-MM-DD) where the association works, for date-only fields. */
export const todayInSiteTimezone = (at: Date = now()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: SITE_TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
