import type { Core } from '@strapi/strapi';
import { translationServices } from '../services';
import { recordBeforeWrite } from '../backfill';
import { currentWriteBatch, noteWrittenInBatch } from '../../../../lib/documents/writeBatch';

type DocumentContext = { uid: string; action: string; params: { documentId?: string; [key: string]: unknown } };

/**
 * Every action that can change what a locale says, or whether it exists. Not `publish` nor
 * `unpublish`: the records hold the latest version of each locale, which is the draft, and both
 * leave the draft as it was (Strapi 5.54.0 document-service/repository.js). Whether a locale is
 * published is read fresh whenever a state is asked.
 */
const WATCHED_ACTIONS = new Set(['create', 'update', 'delete', 'discardDraft']);

/**
 * A Document Service middleware, so every write is seen: REST, admin panel, GraphQL, scripts. The
 * records are brought up to date after the write; a failure is logged and never fails the write
 * (the next write of the document sets the records right). In a batch of writes (`npm run import`),
 * the documents it wrote are observed once, at its end, all their locales together: a translation
 * imported with its source is recorded as written against the source as imported.
 */
export const trackTranslations =
  (strapi: Core.Strapi) =>
  async (context: DocumentContext, next: () => Promise<unknown>): Promise<unknown> => {
    if (!WATCHED_ACTIONS.has(context.action)) return next();
    const { settings, tracker } = translationServices(strapi);
    if (!settings.isFollowed(context.uid)) return next();
    if (context.params.documentId) {
      try {
        await recordBeforeWrite(strapi, context.uid, context.params.documentId);
      } catch (error) {
        strapi.log.error(`[translation-status] ${context.uid} ${context.params.documentId}: ${(error as Error).message}`);
      }
    }
    const result = await next();
    const documentId = context.params.documentId ?? (result as { documentId?: string } | null)?.documentId;
    if (!documentId) return result;
    const batch = currentWriteBatch();
    if (batch) {
      const written = noteWrittenInBatch(batch, 'translation-status', context.uid, documentId);
      batch.atEnd('translation-status', async () => {
        for (const [uid, documentIds] of written) {
          try {
            await tracker.observeMany(uid, [...documentIds]);
          } catch (error) {
            strapi.log.error(`[translation-status] ${uid} (${documentIds.size} documents of a batch): ${(error as Error).message}`);
          }
        }
      });
      return result;
    }
    try {
      // `create` always makes a new document, whatever documentId it is given (Strapi 5.54.0).
      await tracker.observe(context.uid, documentId, { isNew: context.action === 'create' });
    } catch (error) {
      strapi.log.error(`[translation-status] ${context.uid} ${documentId}: ${(error as Error).message}`);
    }
    return result;
  };
