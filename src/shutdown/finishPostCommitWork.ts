import type { Core } from '@strapi/strapi';
import { databaseWorkInFlight, webhookCallsInFlight } from './strapiInternals';

/** Idle for this many checks in a row: between an event's reload and its listeners' reads, no query runs for a moment. */
const QUIET_CHECKS = 3;
const CHECK_EVERY_MS = 25;
/** Past this without a webhook call finishing, shutdown goes on and says so (Strapi gives a call 10 s). */
const WAIT_WITHOUT_PROGRESS_MS = 15_000;
/** Past this in all (thousands of calls to a receiver that is down), shutdown goes on and says so. */
const WAIT_AT_MOST_MS = 120_000;
/** A wait longer than this is announced, so that a script's last seconds are explained. */
const ANNOUNCE_AFTER_MS = 2_000;

const pause = () => new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS));

/**
 * Waits, at shutdown, for the work Strapi starts after a commit without awaiting it. Each Document
 * Service write emits its entry event from a commit callback that nothing awaits (Strapi 5.54.0,
 * database transaction-context: `commitCallbacks.forEach((cb) => cb())`); the event reloads the entry,
 * then its listeners run (purge targets), and the webhook runner queues a call to each webhook
 * listening for it, sent five at a time. A script that writes and exits at once (`npm run import`)
 * would destroy the database under the listeners (their queries fail with "aborted", an unhandled
 * rejection, and the events are lost) and exit before the webhooks are sent: an import of 50
 * documents delivered 22 of its 100 calls, and a site's CDN purge or rebuild never heard of the rest.
 */
export const finishPostCommitWork = async (strapi: Core.Strapi): Promise<void> => {
  const started = Date.now();
  let lastProgressAt = started;
  let webhooksBefore = webhookCallsInFlight(strapi);
  let announced = false;
  let quiet = 0;
  while (quiet < QUIET_CHECKS) {
    const webhooks = webhookCallsInFlight(strapi);
    if (webhooks < webhooksBefore) lastProgressAt = Date.now();
    webhooksBefore = webhooks;
    if (Date.now() - lastProgressAt > WAIT_WITHOUT_PROGRESS_MS || Date.now() - started > WAIT_AT_MOST_MS) {
      strapi.log.warn(
        `Shutdown: stopping with ${databaseWorkInFlight(strapi)} database queries and ${webhooks} webhook calls still unfinished`
      );
      return;
    }
    if (!announced && webhooks > 0 && Date.now() - started > ANNOUNCE_AFTER_MS) {
      strapi.log.info(`Shutdown: sending the ${webhooks} webhook calls still queued before stopping`);
      announced = true;
    }
    quiet = databaseWorkInFlight(strapi) === 0 && webhooks === 0 ? quiet + 1 : 0;
    if (quiet < QUIET_CHECKS) await pause();
  }
};
