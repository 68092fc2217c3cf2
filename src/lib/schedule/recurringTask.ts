import type { Core } from '@strapi/strapi';

export type RecurringTask = {
  /** The job's name in Strapi's cron (`strapi.cron.jobs`). */
  name: string;
  /** A cron rule: each task has a minute of its own, so that two do not share a tick. */
  rule: string;
  /** What fails, for the log: `[scope] what failed: …`. */
  scope: string;
  what: string;
  task: () => Promise<unknown>;
};

/**
 * Runs `task` on its rule while cron runs; a failure is logged and the next tick tries again. Strapi
 * starts its scheduler whatever `server.cron.enabled` says; that switch is ours to honour: off, nothing
 * is scheduled (tests run such tasks themselves, at their own instants). True when scheduled.
 */
export const scheduleRecurringTask = (strapi: Core.Strapi, { name, rule, scope, what, task }: RecurringTask): boolean => {
  if (!strapi.config.get('server.cron.enabled', true)) return false;
  strapi.cron.add({
    [name]: {
      task: async () => {
        try {
          await task();
        } catch (error) {
          strapi.log.error(`[${scope}] ${what} failed: ${(error as Error).message}`);
        }
      },
      options: { rule },
    },
  });
  return true;
};
