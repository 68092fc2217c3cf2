import type { Core } from '@strapi/strapi';
import { databaseWorkInFlight } from './strapiInternals';

/** Idle for this many checks in a row: between an event's reload and its listeners' reads, no query runs for a moment. */
const QUIET_CHECKS = 3;
const CHECK_EVERY_MS = 25;
/** Past this, shutdown goes on and says so. */
const WAIT_AT_MOST_MS = 10_000;

const pause = () => new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS));

/**
 * Waits, at shutdown, for the work Strapi starts after a commit without awaiting it. Each Document
 * Service write emits its entry event from a commit callback that nothing awaits (Strapi 5.54.0,
 * database transaction-context: `commitCallbacks.forEach((cb) => cb())`); the event reloads the entry,
 * then its listeners run (purge targets, webhooks). A script that writes and exits at once
 * (`npm run import`) would destroy the database under them: their queries fail with "aborted", an
 * unhandled rejection, and the events are lost.
 */
export const finishPostCommitWork = async (strapi: Core.Strapi): Promise<void> => {
  const giveUpAt = Date.now() + WAIT_AT_MOST_MS;
  let quiet = 0;
  while (quiet < QUIET_CHECKS) {
    if (Date.now() > giveUpAt) {
      strapi.log.warn(`Shutdown: database work still running after ${WAIT_AT_MOST_MS} ms; stopping anyway`);
      return;
    }
    quiet = databaseWorkInFlight(strapi) === 0 ? quiet + 1 : 0;
    if (quiet < QUIET_CHECKS) await pause();
  }
};
