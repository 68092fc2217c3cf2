import type { Core } from '@strapi/strapi';
import type { Target } from './computeRow';
import { refreshDocuments } from './refresh';
import { isBuilt, markReadModelOutOfDate, rebuildReadModel } from './rebuild';
import { hasOutsideWrites } from './writeLog';

/**
 * Work that no request should wait for: rebuilding the model when it is out of date (its fingerprint
 * differs, or a write around it was noted: `strapi import` in another process, raw SQL), and refreshing
 * rows found past their `valid_until`. It runs from a timer started at bootstrap, outside any request
 * or transaction (work queued from inside a transaction would otherwise join it).
 */
export type BackgroundWork = {
  /** Rows to compute again (found out of date by a read, which took the slow path meanwhile). */
  refreshLater: (targets: Target[]) => void;
  /** Checks the model's fingerprint at the next tick, rebuilding if it differs. */
  checkBuild: () => void;
  stop: () => Promise<void>;
};

const TICK_MS = 200;
/** How often the write log is looked at for writes made around the model (reads stop using it at once anyway). */
const WRITE_LOG_EVERY_TICKS = 5;

export const startBackgroundWork = (strapi: Core.Strapi, fingerprint: string): BackgroundWork => {
  const queued = new Map<string, Target>();
  let buildToCheck = true;
  let running: Promise<void> | undefined;
  let stopped = false;
  let ticks = 0;

  const tick = async () => {
    ticks += 1;
    if (!buildToCheck && ticks % WRITE_LOG_EVERY_TICKS === 0 && (await hasOutsideWrites(strapi))) {
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
    if (queued.size > 0) {
      const targets = [...queued.values()];
      queued.clear();
      await refreshDocuments(strapi, targets);
    }
  };

  const timer = setInterval(() => {
    if (running || stopped) return;
    running = tick()
      .catch((error: unknown) => {
        strapi.log.error(`[read-model] background work failed: ${(error as Error).stack ?? String(error)}`);
      })
      .finally(() => {
        running = undefined;
      });
  }, TICK_MS);
  timer.unref();

  return {
    refreshLater: (targets) => {
      for (const target of targets) queued.set(`${target.uid}\u0000${target.documentId}`, target);
    },
    checkBuild: () => {
      buildToCheck = true;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
};
