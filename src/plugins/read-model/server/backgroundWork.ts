import type { Core } from '@strapi/strapi';
import type { Target } from './computeRow';
import { refreshDocuments } from './refresh';
import { isBuilt, markReadModelOutOfDate, rebuildReadModel } from './rebuild';
import { hasOutsideWrites } from './writeLog';
import { refreshAllPending } from './pendingRefresh';

/**
 * Work that no request should wait for: rebuilding the model when it is out of date (its fingerprint
 * differs, or a write around it was noted: `strapi import` in another process, raw SQL), refreshing the
 * rows that writes left pending, and refreshing rows found past their `valid_until`. It runs from a
 * timer started at bootstrap, outside any request or transaction (work queued from inside a
 * transaction would otherwise join it).
 */
export type BackgroundWork = {
  /** Rows to compute again (found out of date by a read, which took the slow path meanwhile). */
  refreshLater: (targets: Target[]) => void;
  /** A write noted pending rows and committed: refreshes them after `PENDING_REFRESH_DELAY_MS`, with any noted meanwhile. */
  refreshPendingSoon: () => void;
  /**
   * Does now, and waits for, what the next ticks would do: the rows writes left pending, rows found out
   * of date, a rebuild asked for (tests, the benchmark and the check wait for it).
   */
  settle: () => Promise<void>;
  /** Paused, the timer does nothing and only `settle` brings the model up to date (tests read it in between). */
  pause: (paused: boolean) => void;
  /** Checks the model's fingerprint at the next tick, rebuilding if it differs. */
  checkBuild: () => void;
  stop: () => Promise<void>;
};

const TICK_MS = 200;
/** How often the write log and the pending notes are looked at anyway (another instance's writes, or a refresh cut short). */
const WRITE_LOG_EVERY_TICKS = 5;
/**
 * How long a refresh waits after the commit that asked for it: writes that commit within it are
 * computed together (one read of the type's list action for all of them, instead of one each), and
 * reads take the Document Service path meanwhile.
 */
export const PENDING_REFRESH_DELAY_MS = 25;

export const startBackgroundWork = (strapi: Core.Strapi, fingerprint: string): BackgroundWork => {
  const queued = new Map<string, Target>();
  let buildToCheck = true;
  // Notes left by an earlier process (stopped between a commit and its refresh) are refreshed at the first tick.
  let pendingAsked = true;
  let running: Promise<void> | undefined;
  let runAgain = false;
  let soon: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let paused = false;
  let ticks = 0;

  const tick = async (everything = false) => {
    ticks += 1;
    const periodic = everything || ticks % WRITE_LOG_EVERY_TICKS === 0;
    if (!buildToCheck && periodic && (await hasOutsideWrites(strapi))) {
      strapi.log.warn('[read-model] rows were written around the model (outside the Document Service): rebuilding it');
      await markReadModelOutOfDate(strapi);
      buildToCheck = true;
    }
    if (buildToCheck) {
      buildToCheck = false;
      if (!(await isBuilt(strapi, fingerprint))) {
        const started = Date.now();
        const { documents } = await rebuildReadModel(strapi, () => stopped);
        if (!stopped) strapi.log.info(`[read-model] built: ${documents} documents in ${Date.now() - started} ms`);
      }
    }
    if (pendingAsked || periodic) {
      pendingAsked = false;
      await refreshAllPending(strapi, () => stopped);
    }
    if (queued.size > 0) {
      const targets = [...queued.values()];
      queued.clear();
      await refreshDocuments(strapi, targets);
    }
  };

  /** One tick at a time; `again` (a refresh asked while a tick runs) runs one more right after it. */
  const runTick = (again: boolean) => {
    if (stopped || paused) return;
    if (running) {
      runAgain ||= again;
      return;
    }
    running = tick()
      .catch((error: unknown) => {
        strapi.log.error(`[read-model] background work failed: ${(error as Error).stack ?? String(error)}`);
      })
      .finally(() => {
        running = undefined;
        if (runAgain) {
          runAgain = false;
          runTick(false);
        }
      });
  };

  const timer = setInterval(() => runTick(false), TICK_MS);
  timer.unref();

  return {
    refreshLater: (targets) => {
      for (const target of targets) queued.set(`${target.uid}\u0000${target.documentId}`, target);
    },
    refreshPendingSoon: () => {
      pendingAsked = true;
      if (soon || stopped) return;
      soon = setTimeout(() => {
        soon = undefined;
        runTick(true);
      }, PENDING_REFRESH_DELAY_MS);
      soon.unref();
    },
    settle: async () => {
      while (running) await running;
      const settling = tick(true);
      running = settling
        .catch(() => undefined)
        .finally(() => {
          running = undefined;
        });
      await settling;
    },
    pause: (value) => {
      paused = value;
    },
    checkBuild: () => {
      buildToCheck = true;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (soon) clearTimeout(soon);
      await running;
    },
  };
};
