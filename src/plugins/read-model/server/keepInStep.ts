import type { Core } from '@strapi/strapi';
import {
  documentIdOf,
  registerDocumentMiddleware,
  type DocumentContext,
  type DocumentMiddleware,
} from '../../../lib/documents/documentMiddleware';
import { FILE_UID, type Target } from './computeRow';
import { hasDraftAndPublish } from '../../../lib/schema/modelAttributes';
import { currentWriteBatch, noteWrittenInBatch } from '../../../lib/documents/writeBatch';
import { dependantsOf, refreshDocuments, refreshWithDependants } from './refresh';
import { notePendingRefresh } from './pendingRefresh';
import { markReadModelOutOfDate } from './rebuild';
import { readModelSettings } from './settings';
import { afterWritesTo, inTransaction } from './strapiInternals';
import { isKeptInStep, runKeptInStep } from './keptInStepScope';
import { stateOf } from './pluginState';
import { forgettingOwnWrites, forgettingOwnWritesOfBatch } from './writeLog';

const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
/** On a type with drafts, these actions write the draft only, unless they publish too: no public answer changes. */
const DRAFT_ONLY_ACTIONS = new Set(['create', 'update', 'discardDraft', 'clone']);

const changesPublishedVersions = (strapi: Core.Strapi, context: DocumentContext): boolean => {
  if (!WRITE_ACTIONS.has(context.action)) return false;
  return !(hasDraftAndPublish(strapi, context.uid) && DRAFT_ONLY_ACTIONS.has(context.action) && context.params.status !== 'published');
};

/** The documents of a batch's notes, by type, as refresh targets. */
const targetsOf = (written: Map<string, Set<string>>): Target[] =>
  [...written].flatMap(([uid, documentIds]) => [...documentIds].map((documentId) => ({ uid, documentId })));

/**
 * Every Document Service write (REST, admin panel, scripts) notes the document it wrote as pending,
 * in its own transaction: from its commit, nothing is served from the model until a refresh, right
 * after the commit and outside the write (pendingRefresh.ts), has computed again the rows of that
 * document, in all its locales, and of the documents that embed it. The writer does not wait for
 * that refresh, and writes close together are refreshed together. In a batch of writes (a bulk
 * import), the rows of every document it wrote are computed once at its end, in its transaction, a
 * page at a time; a failed refresh then fails the batch. The write runs in the kept-in-step scope, so
 * that its query-engine writes are not taken for writes around the model.
 */
const refreshAfterWrite =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!WRITE_ACTIONS.has(context.action) || !readModelSettings(strapi).enabled) return next();
    const state = stateOf(strapi);
    if (!state.ready) {
      state.missedWrites = true;
      return next();
    }
    const refresh = async () => {
      const result = await next();
      if (!changesPublishedVersions(strapi, context)) return result;
      const documentId = documentIdOf(context, result);
      if (!documentId) return result;
      const batch = currentWriteBatch();
      if (batch) {
        const written = noteWrittenInBatch(batch, 'read-model', context.uid, documentId);
        batch.atEnd('read-model', () => refreshWithDependants(strapi, targetsOf(written)));
        return result;
      }
      await notePendingRefresh(strapi, { uid: context.uid, documentId }, () => stateOf(strapi).background?.refreshPendingSoon());
      return result;
    };
    // A call nested in another kept-in-step write (a rule writing a second document) is part of it.
    if (isKeptInStep()) return inTransaction(strapi, refresh);
    const batch = currentWriteBatch();
    if (batch) return forgettingOwnWritesOfBatch(strapi, batch, () => runKeptInStep(refresh));
    return forgettingOwnWrites(strapi, () => runKeptInStep(refresh));
  };

type WriteEvent = { action: string; model: { uid: string }; result?: unknown; params?: { data?: unknown } };

const fileIdsOf = (event: WriteEvent): string[] => {
  const results = Array.isArray(event.result) ? event.result : [event.result];
  return results
    .map((item) => (item as { id?: unknown } | null | undefined)?.id)
    .filter((id): id is number | string => typeof id === 'number' || typeof id === 'string')
    .map(String);
};

/** A file created already linked to an entry (an upload with `ref`, `refId` and `field`) changes that entry's answer. */
const linksOnCreate = (event: WriteEvent): boolean => {
  const related = (event.params?.data as { related?: unknown } | undefined)?.related;
  return Array.isArray(related) ? related.length > 0 : Boolean(related);
};

const ONE_ROW_WRITES = new Set(['afterCreate', 'afterUpdate', 'afterDelete']);

/**
 * A query-engine write of one draft row of a type with drafts (a script's clone giving each copy its
 * slug): no stored answer shows a draft. A row published before the write and a draft after it
 * (unpublished in place) is still a change: the write log's triggers, which see the row before and
 * after, note it, and the model stops serving at once.
 */
const writesDraftRowOnly = (strapi: Core.Strapi, event: WriteEvent): boolean => {
  if (!ONE_ROW_WRITES.has(event.action)) return false;
  const row = event.result as { publishedAt?: unknown } | null | undefined;
  return (
    hasDraftAndPublish(strapi, event.model.uid) &&
    typeof row === 'object' &&
    row !== null &&
    'publishedAt' in row &&
    row.publishedAt === null
  );
};

/**
 * Writes through the query engine that the Document Service middleware above did not see:
 * - a media file's name, alternative text or formats refresh the rows that show it;
 * - a write to any other watched model (a served type, or a type or component their default population
 *   reaches) outside a kept-in-step Document Service call (`strapi import`, the benchmark's dataset
 *   generator, a script) marks the model out of date, in the writer's transaction, and every instance
 *   stops serving from it at once until the background rebuild; but not one draft row's write;
 * - the Public role's permissions and the locales change what every answer may hold: out of date too.
 */
const watchOtherWrites = (strapi: Core.Strapi, onOutOfDate: () => void): void => {
  const markOutOfDate = async () => {
    await inTransaction(strapi, async () => markReadModelOutOfDate(strapi));
    onOutOfDate();
  };
  afterWritesTo(strapi, undefined, async (event) => {
    if (!readModelSettings(strapi).enabled) return;
    const state = stateOf(strapi);
    const uid = event.model.uid;
    if (!state.ready) {
      // Our tables are not there yet, nor the watched set: any write to content (a type of the site, a
      // component, a file) outside a Document Service call counts.
      const content = uid.startsWith('api::') || !uid.includes('::') || uid === FILE_UID;
      const newFile = uid === FILE_UID && event.action.startsWith('afterCreate');
      if (content && !newFile && !isKeptInStep()) state.missedWrites = true;
      return;
    }
    if (!state.watchedModels?.has(uid)) return;
    if (uid === FILE_UID) {
      if (event.action.startsWith('afterCreate')) {
        if (linksOnCreate(event)) await markOutOfDate();
        return;
      }
      const ids = fileIdsOf(event);
      if (ids.length === 0) return markOutOfDate();
      const dependants = (await Promise.all(ids.map((id) => dependantsOf(strapi, FILE_UID, id)))).flat();
      await refreshDocuments(strapi, dependants);
      return;
    }
    if (!isKeptInStep() && !writesDraftRowOnly(strapi, event)) await markOutOfDate();
  });
  afterWritesTo(strapi, ['plugin::users-permissions.permission', 'plugin::users-permissions.role', 'plugin::i18n.locale'], async () => {
    if (!readModelSettings(strapi).enabled) return;
    const state = stateOf(strapi);
    if (!state.ready) {
      state.missedWrites = true;
      return;
    }
    await markOutOfDate();
  });
};

export const keepReadModelInStep = (strapi: Core.Strapi, onOutOfDate: () => void): void => {
  registerDocumentMiddleware(strapi, refreshAfterWrite(strapi));
  watchOtherWrites(strapi, onOutOfDate);
};
