import type { Core } from '@strapi/strapi';
import type { Target } from './computeRow';
import { refreshDocuments } from './refresh';
import { isBuilt, rebuildReadModel } from './rebuild';

/**
 * Work that no request should wait for: rebuilding the model when it is out of date, and refreshing
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

export const startBackgroundWork = (strapi: Core.Strapi, fingerprint: string): BackgroundWork => {
  const queued = new Map<string, Target>();
  let buildToCheck = true;
  let running: Promise<void> | undefined;
  let stopped = false;

  const tick = async () => {
    if (buildToCheck) {
      buildToCheck = false;
      if (!(await isBuilt(strapi, fingerprint))) {
        const started = Date.now();
        const { documents } = await rebuildReadModel(strapi);
        strapi.log.info(`[read-model] built: ${documents} documents in ${Date.now() - started} ms`);
      }
    }
    if (queued.size > 0) {
      const targets = [...queued.values()];
      queued.clear();
      await refreshDocuments(strapi, targets);
    }
  };

  const timer = setInterval(() => {
    if (running || stopped || (!buildToCheck && queued.size === 0)) return;
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
