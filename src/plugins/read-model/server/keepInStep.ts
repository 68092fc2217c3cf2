import type { Core } from '@strapi/strapi';
import {
  documentIdOf,
  registerDocumentMiddleware,
  type DocumentContext,
  type DocumentMiddleware,
} from '../../../lib/documents/documentMiddleware';
import { FILE_UID } from './computeRow';
import { dependantsOf, refreshDocuments } from './refresh';
import { markReadModelOutOfDate } from './rebuild';
import { readModelSettings } from './settings';
import { afterWritesTo, inTransaction } from './strapiInternals';
import { isReady, noteMissedWrite } from './readiness';

const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
/** On a type with drafts, these actions write the draft only, unless they publish too: no public answer changes. */
const DRAFT_ONLY_ACTIONS = new Set(['create', 'update', 'discardDraft', 'clone']);

const changesPublishedVersions = (context: DocumentContext): boolean => {
  if (!WRITE_ACTIONS.has(context.action)) return false;
  const hasDrafts = (context.contentType as { options?: { draftAndPublish?: boolean } }).options?.draftAndPublish === true;
  return !(hasDrafts && DRAFT_ONLY_ACTIONS.has(context.action) && context.params.status !== 'published');
};

/**
 * Every Document Service write (REST, admin panel, scripts) refreshes the rows of the document it
 * wrote, in all its locales, and of the documents that embed it, inside the write's own transaction:
 * the rows commit with the write, or not at all. A failed refresh fails the write rather than leave
 * a row that answers something else than the Document Service would.
 */
const refreshAfterWrite =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!changesPublishedVersions(context) || !readModelSettings(strapi).enabled) return next();
    if (!isReady()) {
      noteMissedWrite();
      return next();
    }
    return inTransaction(strapi, async () => {
      const result = await next();
      const documentId = documentIdOf(context, result);
      if (documentId) {
        const dependants = await dependantsOf(strapi, context.uid, documentId);
        await refreshDocuments(strapi, [{ uid: context.uid, documentId }, ...dependants]);
      }
      return result;
    });
  };

type WriteEvent = { action: string; result?: unknown };

const fileIdsOf = (event: WriteEvent): string[] => {
  const results = Array.isArray(event.result) ? event.result : [event.result];
  return results
    .map((item) => (item as { id?: unknown } | null | undefined)?.id)
    .filter((id): id is number | string => typeof id === 'number' || typeof id === 'string')
    .map(String);
};

/**
 * Writes outside the Document Service that change answers: a media file's name, alternative text or
 * formats refresh the rows that show it; the Public role's permissions and the locales change what
 * every answer may hold, so the model is marked out of date and rebuilt in the background.
 */
const watchOtherWrites = (strapi: Core.Strapi, onOutOfDate: () => void): void => {
  afterWritesTo(strapi, [FILE_UID], async (event) => {
    if (!readModelSettings(strapi).enabled || event.action.startsWith('afterCreate')) return;
    if (!isReady()) {
      noteMissedWrite();
      return;
    }
    const ids = fileIdsOf(event);
    if (ids.length === 0) {
      await markReadModelOutOfDate(strapi);
      onOutOfDate();
      return;
    }
    const dependants = (await Promise.all(ids.map((id) => dependantsOf(strapi, FILE_UID, id)))).flat();
    await refreshDocuments(strapi, dependants);
  });
  afterWritesTo(strapi, ['plugin::users-permissions.permission', 'plugin::users-permissions.role', 'plugin::i18n.locale'], async () => {
    if (!readModelSettings(strapi).enabled) return;
    if (!isReady()) {
      noteMissedWrite();
      return;
    }
    await inTransaction(strapi, async () => markReadModelOutOfDate(strapi));
    onOutOfDate();
  });
};

export const keepReadModelInStep = (strapi: Core.Strapi, onOutOfDate: () => void): void => {
  registerDocumentMiddleware(strapi, refreshAfterWrite(strapi));
  watchOtherWrites(strapi, onOutOfDate);
};
