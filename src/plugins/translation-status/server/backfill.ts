import type { Core } from '@strapi/strapi';
import { RECORD_UID } from './content-types';
import { translationServices } from './services';
import { documentsWithoutRecords } from './strapiInternals';
import { refreshPlannerStatistics } from '../../../lib/database/plannerStatistics';
import { yieldToRequests } from '../../../lib/database/yieldToRequests';

/** Documents looked up and recorded together (`observeMany`: three statements or so for the lot). */
const BATCH = 100;

type Backfill = { pending: boolean; stopped: boolean; running?: Promise<void>; timer?: NodeJS.Timeout };

/** Per Strapi instance: tests boot several in one process. */
const backfills = new WeakMap<Core.Strapi, Backfill>();

/**
 * Records documents that have no record yet (written before the plugin was on, or by a path that
 * bypasses the Document Service), their existing translations counting as current. A batch at a
 * time, in `documentId` order, yielding between them, so requests are answered meanwhile. A document
 * that fails is logged and left for the next boot, as is one that a path bypassing the Document
 * Service adds meanwhile behind the batches (the Document Service's writes record their document).
 */
const recordUntracked = async (strapi: Core.Strapi, state: Backfill): Promise<number> => {
  const { settings, tracker } = translationServices(strapi);
  await refreshPlannerStatistics(strapi);
  let observed = 0;
  for (const uid of settings.followedTypes()) {
    let after: string | undefined;
    for (;;) {
      if (state.stopped) return observed;
      const todo = await documentsWithoutRecords(strapi, uid, RECORD_UID, { limit: BATCH, after });
      if (todo.length === 0) break;
      after = todo[todo.length - 1];
      try {
        await tracker.observeMany(uid, todo);
        observed += todo.length;
      } catch {
        // One document the batch could not record: each on its own, to record the others and name it.
        for (const documentId of todo) {
          if (state.stopped) return observed;
          try {
            await tracker.observe(uid, documentId);
            observed += 1;
          } catch (error) {
            strapi.log.error(`[translation-status] recording ${uid} ${documentId}: ${(error as Error).message}`);
          }
        }
      }
      await yieldToRequests();
    }
  }
  return observed;
};

/** Stops a recording: no next batch is scheduled, and the document being recorded is finished. */
const halt = async (state: Backfill): Promise<void> => {
  state.stopped = true;
  clearTimeout(state.timer);
  await state.running;
};

/**
 * Records every untracked document now, and resolves with their number (`npm run bench`'s dataset
 * generator). The background recording is stopped first: both would find the same documents and
 * record each twice (on the 10,000-article dataset, 93 s against 61 s alone).
 */
export const recordUntrackedDocuments = async (strapi: Core.Strapi): Promise<number> => {
  const background = backfills.get(strapi);
  if (background) await halt(background);
  // Writes meanwhile still record a document before changing it, as during the background recording.
  const state: Backfill = { pending: true, stopped: false };
  backfills.set(strapi, state);
  const recording = recordUntracked(strapi, state).finally(() => {
    state.pending = false;
  });
  // A stop (Strapi's destroy) waits for the document being recorded.
  state.running = recording.then(
    () => undefined,
    () => undefined
  );
  return recording;
};

/**
 * Starts recording untracked documents in the background: the boot never waits for it, however many
 * documents there are (issue 16: the backfill used to hold the first answer for minutes).
 */
export const startBackfill = (strapi: Core.Strapi): void => {
  const state: Backfill = { pending: true, stopped: false };
  backfills.set(strapi, state);
  // Tests hold the backfill back to write while it is pending (never in production).
  const delay = strapi.config.get<number>('passerelle.testing.translationBackfillDelayMs', 0);
  state.timer = setTimeout(() => {
    state.running = recordUntracked(strapi, state)
      .then((observed) => {
        if (observed > 0) strapi.log.info(`[translation-status] ${observed} documents recorded (their translations count as current)`);
      })
      .catch((error: unknown) => {
        strapi.log.error(`[translation-status] recording existing documents failed: ${(error as Error).message}`);
      })
      .finally(() => {
        state.pending = false;
      });
  }, delay);
  state.timer.unref();
};

export const stopBackfill = async (strapi: Core.Strapi): Promise<void> => {
  const state = backfills.get(strapi);
  if (!state) return;
  await halt(state);
  backfills.delete(strapi);
};

/**
 * Before a write to a document the backfill has not reached yet, records it as it stands, so the write
 * is compared with what was there (an edit of the source makes the translations outdated, as it would
 * have once the backfill had passed). After the backfill, every document has its records already.
 */
export const recordBeforeWrite = async (strapi: Core.Strapi, uid: string, documentId: string): Promise<void> => {
  if (!backfills.get(strapi)?.pending) return;
  const known = await strapi.db.query(RECORD_UID).count({ where: { subjectUid: uid, subjectDocumentId: documentId } });
  if (known === 0) await translationServices(strapi).tracker.observe(uid, documentId);
};
