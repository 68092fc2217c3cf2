import type { Core } from '@strapi/strapi';
import type { Target } from './computeRow';
import { refreshWithDependants } from './refresh';
import { inTransaction, inTransactionThen, table } from './strapiInternals';
import { PENDING_TABLE, takeRefreshTurn } from './tables';
import { yieldToRequests } from '../../../lib/database/yieldToRequests';

/** Notes one refresh takes at most: writes wait for a refresh's transaction, so a burst is refreshed in several. */
const NOTES_PER_REFRESH = 200;

/**
 * Notes, in the write's own transaction, that a write changed what `target` shows (and what the
 * documents embedding it show). From its commit until a refresh has computed those rows again,
 * nothing is served from the model (`servingStateQuery` reads the notes in the statement that serves),
 * so no reader gets an answer older than the write. `afterCommit` asks for that refresh.
 */
export const notePendingRefresh = (strapi: Core.Strapi, target: Target, afterCommit: () => void): Promise<void> =>
  inTransactionThen(strapi, async (trx, onCommit) => {
    await table(strapi, trx, PENDING_TABLE).insert({ uid: target.uid, document_id: target.documentId });
    onCommit(afterCommit);
  });

export const hasPendingRefresh = async (strapi: Core.Strapi): Promise<boolean> =>
  (await table(strapi, strapi.db.connection, PENDING_TABLE).select('id').first()) !== undefined;

/**
 * Computes again the rows of the documents noted pending, and of the documents that embed them, and
 * removes exactly the notes it read, in one transaction, after taking the refresh turn: every write
 * whose note it read committed before it, and a write that commits meanwhile leaves its own note for
 * the next refresh. Returns how many notes it took (0: none were left).
 */
export const refreshPending = async (strapi: Core.Strapi): Promise<number> => {
  // Taking the turn counts a generation up (lists' remembered counts are read again): only when there is work.
  if (!(await hasPendingRefresh(strapi))) return 0;
  return inTransaction(strapi, async (trx) => {
    await takeRefreshTurn(strapi, trx);
    const notes = (await table(strapi, trx, PENDING_TABLE)
      .select('id', 'uid', 'document_id')
      .orderBy('id')
      .limit(NOTES_PER_REFRESH)) as Array<{ id: number; uid: string; document_id: string }>;
    if (notes.length === 0) return 0;
    const written = new Map(notes.map((note) => [`${note.uid}\u0000${note.document_id}`, { uid: note.uid, documentId: note.document_id }]));
    await refreshWithDependants(strapi, [...written.values()]);
    await table(strapi, trx, PENDING_TABLE)
      .whereIn(
        'id',
        notes.map((note) => note.id)
      )
      .del();
    return notes.length;
  });
};

/** Refreshes until no note is left (the notes of writes committed before the call, and any after). */
export const refreshAllPending = async (strapi: Core.Strapi, shouldStop: () => boolean = () => false): Promise<void> => {
  while (!shouldStop() && (await refreshPending(strapi)) > 0) await yieldToRequests();
};
