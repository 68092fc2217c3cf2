import type { Core } from '@strapi/strapi';
import { translationServices } from '../services';
import { recordBeforeWrite } from '../backfill';

type DocumentContext = { uid: string; action: string; params: { documentId?: string; [key: string]: unknown } };

/** Every action that can change what a locale says, or whether it exists. */
const WATCHED_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/**
 * A Document Service middleware, so every write is seen: REST, admin panel, GraphQL, scripts. The
 * records are brought up to date after the write; a failure is logged and never fails the write
 * (the next write of the document sets the records right).
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
    try {
      await tracker.observe(context.uid, documentId);
    } catch (error) {
      strapi.log.error(`[translation-status] ${context.uid} ${documentId}: ${(error as Error).message}`);
    }
    return result;
  };
