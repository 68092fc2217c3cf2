import type { Knex } from 'knex';
import { ENTRIES } from './indexTables';
import { reindexDocuments, type IndexContext } from './indexWriter';
import { beginIndexing, endCatchingUp } from './writesAround';
import { yieldToRequests } from '../../../../lib/database/yieldToRequests';

/** Documents indexed again per transaction: writes wait for each in turn. */
const DOCUMENTS_PER_TRANSACTION = 200;

/**
 * Indexes every document again whose entries may differ from its rows: every published document and
 * every document the index holds, a few hundred per transaction (an unchanged entry is kept as it is).
 * It begins by forgetting the notes and marking the index out of step, in one transaction, and ends
 * by marking it in step unless another catching up began meanwhile (on this instance or another):
 * that one ends it.
 */
const catchUp = async ({ strapi, config }: IndexContext, stopped: () => boolean): Promise<void> => {
  const started = await strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) => beginIndexing(strapi, trx, { outOfStep: true }));
  for (const type of config.types) {
    const published = (await strapi.db
      .query(type.uid)
      .findMany({ select: ['documentId'], where: { publishedAt: { $notNull: true } } })) as Array<{
      documentId: string;
    }>;
    const indexed = (await strapi.db.connection(ENTRIES).distinct('document_id').where({ uid: type.uid })) as Array<{
      document_id: string;
    }>;
    const documentIds = [...new Set([...published.map((row) => row.documentId), ...indexed.map((row) => row.document_id)])];
    for (let start = 0; start < documentIds.length; start += DOCUMENTS_PER_TRANSACTION) {
      // The app is stopping: the index stays out of step, and the next boot catches up.
      if (stopped()) return;
      await strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) =>
        reindexDocuments({ strapi, config }, trx, type, documentIds.slice(start, start + DOCUMENTS_PER_TRANSACTION))
      );
      await yieldToRequests();
    }
  }
  await endCatchingUp(strapi, started);
};

export type IndexKeeper = {
  /** Starts catching up unless this instance already is; resolves when it ends (never rejects: a failure is logged). */
  catchUp(): Promise<void>;
  stop(): Promise<void>;
};

export const createIndexKeeper = (context: IndexContext): IndexKeeper => {
  let running: Promise<void> | undefined;
  let stopped = false;
  return {
    catchUp() {
      if (stopped) return Promise.resolve();
      running ??= (async () => {
        const begun = Date.now();
        await catchUp(context, () => stopped);
        if (!stopped)
          context.strapi.log.info(`[search] index caught up with writes made around the Document Service in ${Date.now() - begun} ms`);
      })()
        .catch((error: unknown) => {
          context.strapi.log.error(`[search] catching up with writes made around the Document Service failed: ${(error as Error).message}`);
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
};
