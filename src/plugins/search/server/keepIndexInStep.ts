import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { currentWriteBatch, noteWrittenInBatch, registerDocumentMiddleware, type DocumentContext } from './passerelle';
import type { SearchService } from './searchService';
import { searchWriteLog } from './index/writesAround';

/** Every Document Service action that can change what is published. */
const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);

const documentIdOf = (context: DocumentContext, result: unknown): string | undefined =>
  context.params.documentId ?? (result as { documentId?: string } | null)?.documentId;

/**
 * Keeps the index in step with every write that passes through the Document Service (REST, GraphQL,
 * the admin panel, scripts), inside the write's own transaction: the index never shows a state that
 * was rolled back, and a failure to index rolls the write back rather than leaving the two apart.
 * The whole document is reindexed, every locale: a publish in one locale or a shared field edit
 * (`embargoUntil` is shared) is covered the same way. In a batch of writes (a bulk import), the
 * documents it wrote are indexed once, at its end, in its transaction, a few hundred at a time: a
 * failure there fails the batch.
 */
export const keepIndexInStep = (strapi: Core.Strapi, service: () => SearchService): void => {
  const indexInStep = async (context: DocumentContext, next: () => Promise<unknown>) => {
    const search = service();
    if (!search.typeByUid.has(context.uid)) return next();
    const batch = currentWriteBatch();
    if (batch) {
      const result = await next();
      const documentId = documentIdOf(context, result);
      if (!documentId) return result;
      const written = noteWrittenInBatch(batch, 'search', context.uid, documentId);
      batch.atEnd('search', async () => {
        // Strapi 5.54.0 types the transaction's callback argument as `any`; it is knex's transaction.
        await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
          for (const [uid, documentIds] of written) await search.reindexDocuments(trx, uid, [...documentIds]);
        });
      });
      return result;
    }
    return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
      const result = await next();
      const documentId = documentIdOf(context, result);
      if (documentId) await search.reindexDocument(trx, context.uid, documentId);
      return result;
    });
  };
  // Every write, of any type: it may write a table the index reads (a component's, a shared one), and
  // whatever it changes of indexed documents is indexed above. Its notes in the write log go with it.
  registerDocumentMiddleware(strapi, async (context, next) => {
    if (!WRITES.has(context.action)) return next();
    const batch = currentWriteBatch();
    if (batch) return searchWriteLog.forgettingOwnWritesOfBatch(strapi, batch, () => indexInStep(context, next));
    return searchWriteLog.forgettingOwnWrites(strapi, () => indexInStep(context, next));
  });
};

/**
 * A locale removed in the admin panel: Strapi's i18n deletes its rows through the query engine
 * (5.54.0), which the middleware above does not see, so the index forgets that locale's entries
 * itself. Otherwise a search in the locale, once it is added again, would find documents deleted with it.
 */
export const forgetRemovedLocales = (strapi: Core.Strapi, service: () => SearchService): void => {
  // The locale and its rows are gone already: a failure here must not turn the removal into an error.
  const forget = async () => {
    try {
      await service().forgetRemovedLocales();
    } catch (error) {
      strapi.log.error(
        `[search] could not remove the entries of a removed locale (run npm run search:rebuild): ${(error as Error).message}`
      );
    }
  };
  strapi.db.lifecycles.subscribe({ models: ['plugin::i18n.locale'], afterDelete: forget, afterDeleteMany: forget });
};
