import type { Core, UID } from '@strapi/strapi';
import type { PurgeTargets } from '../../../../lib/cache/responseCache';
import { buildSiteUrl, siteConfig, siteTypeOf } from '../../../../lib/site/siteUrls';
import { registerDocumentMiddleware } from '../../../../lib/documents/documentMiddleware';
import { contentVersionNow } from '../content-version/contentVersion';
import { aggregatePaths } from './aggregatePaths';
import { readPublicStates, type PublicDocument, type PublicState } from './publicState';
import { documentKey, writeKeys } from './surrogateKeys';
import { sendsWebhookFor } from '../strapiInternals';
import { onEntryEventForWebhooks } from '../entry-events/heardEntryEvents';
import { hasDraftAndPublish } from '../../../../lib/schema/modelAttributes';

/**
 * Document Service events after which public answers may have changed. `entry.visible` is not among
 * them: the visibility plugin's outbox stores its payload, purge included (`purgeTargetsNow`), and
 * never emits it on the event hub.
 */
export const PURGE_EVENTS = ['entry.create', 'entry.update', 'entry.publish', 'entry.unpublish', 'entry.delete'] as const;

/** Document Service actions that replace or remove a published version: what it showed is read first. */
const ACTIONS_CHANGING_PUBLIC_STATE = new Set(['update', 'publish', 'unpublish', 'delete', 'discardDraft']);

/**
 * Pure: whether a Document Service call can replace or remove a published version. With draft and
 * publish, an update that does not publish writes drafts only (Strapi 5.54.0: i18n copies the shared
 * fields to the other locales in the same status), so the published state it would read is the one
 * the event reads after it.
 */
export const changesPublicState = (action: string, params: { status?: unknown }, draftAndPublish: boolean): boolean =>
  ACTIONS_CHANGING_PUBLIC_STATE.has(action) && !(action === 'update' && draftAndPublish && params.status !== 'published');

/**
 * Pure: whether an event's document may have a published version to read. A draft created with draft
 * and publish has none in its locale (create, or update adding a locale); when it is published in the
 * same call, `entry.publish` follows and reads it.
 */
export const mayShowPublished = (event: string, entry: Record<string, unknown>, draftAndPublish: boolean): boolean =>
  !(event === 'entry.create' && draftAndPublish && !entry.publishedAt);

type EntryPayload = {
  uid?: string;
  entry?: { documentId?: string; locale?: string | null; slug?: string | null } & Record<string, unknown>;
};

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/**
 * Pure: the purge targets of a write. `versions` are the written document's public addresses before
 * and after it (an old slug included), `related` every document its published version showed before
 * or shows after (a partner removed from an article included), so that pages which no longer show
 * one another are dropped too.
 */
export const purgeTargetsFor = (write: {
  uid: string;
  documentId?: string;
  entry?: EntryPayload['entry'];
  apiPrefix: string;
  pluralNameOf: (uid: string) => string;
  pageOf: (document: PublicDocument) => string | undefined;
  versions: PublicDocument[];
  related: PublicDocument[];
  aggregatePaths: string[];
}): PurgeTargets => {
  const base = (uid: string) => `${write.apiPrefix}/${write.pluralNameOf(uid)}`;
  const addressPaths = (document: PublicDocument) => [
    `${base(document.uid)}/${document.documentId}`,
    ...(document.slug ? [`${base(document.uid)}/slug/${encodeURIComponent(document.slug)}`] : []),
  ];
  const shown = [...write.versions, ...write.related];
  return {
    surrogateKeys: unique([
      ...writeKeys({ uid: write.uid, documentId: write.documentId, entry: write.entry }),
      ...write.related.map((document) => documentKey(document.documentId)),
    ]),
    paths: unique([
      base(write.uid),
      ...(write.documentId ? [`${base(write.uid)}/${write.documentId}`] : []),
      ...shown.flatMap(addressPaths),
      ...write.aggregatePaths,
    ]),
    pages: unique(
      shown.flatMap((document) => {
        const page = write.pageOf(document);
        return page ? [page] : [];
      })
    ),
  };
};

const addressOf = (state: PublicState): PublicDocument => ({
  uid: state.uid,
  documentId: state.documentId,
  locale: state.locale,
  slug: state.slug,
});

const sameLocale = (locale: string | null | undefined) => (state: PublicState) => !locale || !state.locale || state.locale === locale;

/**
 * What each document's published versions showed just before its recent writes. Events go out after
 * the commit, outside the write's call (Strapi 5.54.0 document-service events.ts: `onCommit`), and a
 * REST update with status=published sends `entry.update` then `entry.publish`, so every event of
 * the document within a minute reads them: a receiver of either event purges the old pages, and a
 * purge too many is harmless.
 */
const BEFORE_LIFETIME_MS = 60_000;
const statesBeforeWrites = new Map<string, { states: Map<string, PublicState>; lapsesAt: number }>();
const beforeKey = (uid: string, documentId: string) => `${uid}\u0000${documentId}`;

const rememberBefore = (uid: string, documentId: string, states: PublicState[]): void => {
  const now = Date.now();
  for (const [key, entry] of statesBeforeWrites) if (entry.lapsesAt < now) statesBeforeWrites.delete(key);
  const key = beforeKey(uid, documentId);
  const remembered = statesBeforeWrites.get(key)?.states ?? new Map<string, PublicState>();
  for (const state of states) remembered.set(JSON.stringify(state), state);
  statesBeforeWrites.set(key, { states: remembered, lapsesAt: now + BEFORE_LIFETIME_MS });
};

const statesBefore = (uid: string, documentId: string, locale: string | null | undefined): PublicState[] => {
  const entry = statesBeforeWrites.get(beforeKey(uid, documentId));
  return entry && entry.lapsesAt >= Date.now() ? [...entry.states.values()].filter(sameLocale(locale)) : [];
};

/**
 * The published states read after a write, by document, under the content version they were read
 * at. One write sends several events (update then publish, one publish per locale): they share one
 * read while no other write has moved the version. A version read before the states can only be
 * older than them, so a later write always makes the next event read again.
 */
const statesAfterWrites = new Map<string, { version: string; states: Promise<PublicState[]> }>();
const MAX_REMEMBERED_AFTER = 1000;

const readStatesAfter = async (strapi: Core.Strapi, uid: string, documentId: string): Promise<PublicState[]> => {
  const key = beforeKey(uid, documentId);
  const version = await contentVersionNow(strapi);
  const remembered = statesAfterWrites.get(key);
  // The events of one write arrive together: the read itself is shared, not only its result.
  if (remembered?.version === version) return remembered.states;
  const states = readPublicStates(strapi, uid, documentId);
  if (statesAfterWrites.size >= MAX_REMEMBERED_AFTER) statesAfterWrites.clear();
  statesAfterWrites.set(key, { version, states });
  states.catch(() => statesAfterWrites.get(key)?.states === states && statesAfterWrites.delete(key));
  return states;
};

/** How the purge targets name API paths and site pages, from the REST prefix, the schemas and the site's patterns. */
const addressingOf = (strapi: Core.Strapi) => {
  const apiPrefix = strapi.config.get<string | undefined>('api.rest.prefix') ?? '/api';
  return {
    apiPrefix,
    pluralNameOf: (uid: string) => strapi.getModel(uid as UID.ContentType).info.pluralName,
    pageOf: (document: PublicDocument) =>
      document.locale ? buildSiteUrl(siteConfig(strapi), siteTypeOf(document.uid), document.locale, document.slug) : undefined,
    aggregatePaths: aggregatePaths(strapi, apiPrefix),
  };
};

/**
 * The purge targets of a document's published state as it is now, in one locale (every locale
 * without one): what an `entry.visible` announcement carries. Nothing public showed the document
 * before its instant, so there is no earlier state to name.
 */
export const purgeTargetsNow = async (
  strapi: Core.Strapi,
  document: { uid: string; documentId: string; locale?: string | null }
): Promise<PurgeTargets> => {
  const states = (await readPublicStates(strapi, document.uid, document.documentId)).filter(sameLocale(document.locale));
  return purgeTargetsFor({
    uid: document.uid,
    documentId: document.documentId,
    ...addressingOf(strapi),
    versions: states.map(addressOf),
    related: states.flatMap((state) => state.related),
  });
};

/**
 * Adds `purge` to the payload of every entry event of an `api::` type, before Strapi's webhook runner
 * queues it: its listeners are created in the webhooks provider's bootstrap, after this (called in
 * `register`), and the event hub runs listeners in order (checked against Strapi 5.54.0). A Document
 * Service middleware reads the published state before each write, so the old slug's page and the
 * pages of documents no longer related are purged along with the new ones.
 *
 * Only while this process has a webhook enabled for one of those events: the targets are read for
 * nothing else (about a sixth of Passerelle's statements in a write). A webhook enabled in the middle
 * of a write carries that write's new state only; the proxy's capped lifetimes bound the rest, as for
 * a failed read.
 */
export const registerPurgeTargets = (strapi: Core.Strapi): void => {
  const carried = () => sendsWebhookFor(strapi, PURGE_EVENTS);

  registerDocumentMiddleware(strapi, async (context, next) => {
    const { uid, action } = context;
    const documentId = context.params.documentId;
    if (uid.startsWith('api::') && documentId && changesPublicState(action, context.params, hasDraftAndPublish(strapi, uid)) && carried()) {
      try {
        rememberBefore(uid, documentId, await readPublicStates(strapi, uid, documentId));
      } catch (error) {
        // The write goes on: the new state is still purged, and the proxy's capped lifetimes bound the rest.
        strapi.log.error(`[purge] could not read ${uid} ${documentId} before ${action}: ${(error as Error).message}`);
      }
    }
    return next();
  });

  for (const event of PURGE_EVENTS) {
    onEntryEventForWebhooks(strapi, event, async (payload: EntryPayload & { purge?: PurgeTargets }) => {
      try {
        const uid = payload?.uid;
        if (!uid || !uid.startsWith('api::') || !payload.entry || !carried()) return;
        const { documentId, locale } = payload.entry;
        const before = documentId ? statesBefore(uid, documentId, locale) : [];
        const after =
          documentId && mayShowPublished(event, payload.entry, hasDraftAndPublish(strapi, uid))
            ? (await readStatesAfter(strapi, uid, documentId)).filter(sameLocale(locale))
            : [];
        const written: PublicDocument[] = documentId && locale ? [{ uid, documentId, locale, slug: payload.entry.slug }] : [];
        payload.purge = purgeTargetsFor({
          uid,
          documentId,
          entry: payload.entry,
          ...addressingOf(strapi),
          versions: [...written, ...[...before, ...after].map(addressOf)],
          related: [...before, ...after].flatMap((state) => state.related),
        });
      } catch (error) {
        // A webhook without purge targets still goes out: the proxy's capped lifetimes bound the staleness.
        strapi.log.error(`[purge] could not compute purge targets for ${event}: ${(error as Error).message}`);
      }
    });
  }
};
