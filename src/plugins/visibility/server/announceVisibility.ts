import type { Core, UID } from '@strapi/strapi';
import { documentsBecomingVisible } from './nextVisibilityChange';
import { timeFieldNames, timeFieldsOf } from './settings';
import { allowWebhookEvent, schemaBuilder, tableConnection } from './strapiInternals';
import { now } from '../../../lib/clock/clock';
import { scheduleRecurringTask } from '../../../lib/schedule/recurringTask';
import { asBookkeeping, currentPurgeTargets, type PurgeTargets } from '../../../lib/cache/responseCache';
import { deliver, deliverExpiredLeases, enqueueWebhook, prepareOutbox, schedulePruning, stableEventId } from './webhookOutbox';

/** Webhook event fired when a published document becomes public (embargo ended, schedule reached). */
export const ENTRY_VISIBLE_EVENT = 'entry.visible';
const CHECK_EVERY = '*/10 * * * * *';

/**
 * One row per announced release: document, locale and the instant it became visible. Every instance
 * runs the announcer on the same tick; only the one whose insert lands announces.
 */
export const ANNOUNCEMENTS_TABLE = 'passerelle_visibility_announcements';

const store = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'passerelle', key: 'visibility-announcer' });
const recordRun = (strapi: Core.Strapi, at: Date) =>
  asBookkeeping(strapi, () => store(strapi).set({ value: { lastRunAt: at.toISOString() } }));

/** Strapi leaves tables it does not know alone, so the claims live in a small table of our own. */
const prepareAnnouncements = async (strapi: Core.Strapi): Promise<void> => {
  if (await schemaBuilder(strapi).hasTable(ANNOUNCEMENTS_TABLE)) return;
  await schemaBuilder(strapi)
    .createTable(ANNOUNCEMENTS_TABLE, (table) => {
      table.increments('id');
      table.string('uid').notNullable();
      table.string('document_id').notNullable();
      // '' for a type without locales: NULLs never collide in a unique key.
      table.string('locale').notNullable();
      table.string('visible_at', 30).notNullable();
      table.string('claimed_at', 30).notNullable();
      table.unique(['uid', 'document_id', 'locale', 'visible_at'], { indexName: 'passerelle_visibility_announcements_once' });
    })
    .catch(async (error: unknown) => {
      // Another instance created it between our check and our create.
      if (!(await schemaBuilder(strapi).hasTable(ANNOUNCEMENTS_TABLE))) throw error;
    });
};

/** The instant the document became visible: the latest of its time rules (all have passed). */
const visibleAt = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  documentId: string,
  locale: string | null
): Promise<string | undefined> => {
  const { attributes } = strapi.getModel(uid);
  const fields = timeFieldNames(timeFieldsOf(uid, attributes));
  const row = (await strapi.db.query(uid).findOne({
    select: fields,
    where: { documentId, publishedAt: { $notNull: true }, ...(locale ? { locale } : {}) },
  })) as Record<string, string | Date | null> | null;
  const instants = fields
    .map((field) => row?.[field])
    .filter((value): value is string | Date => Boolean(value))
    .map((value) => new Date(value).getTime());
  return instants.length > 0 ? new Date(Math.max(...instants)).toISOString() : undefined;
};

type Release = { uid: UID.ContentType; document_id: string; locale: string; visible_at: string };

/**
 * Claims the release and records its webhook in one transaction: the one instance whose insert
 * lands gets the outbox row (leased to it), the others get nothing. A crash after the commit leaves
 * the row pending, and another instance delivers it once the lease has run out.
 */
const claimAndEnqueue = async (strapi: Core.Strapi, release: Release, purge: PurgeTargets | undefined) =>
  strapi.db.connection.transaction(async (trx) => {
    const inserted = (await tableConnection(strapi, ANNOUNCEMENTS_TABLE, trx)
      .insert({ ...release, claimed_at: now().toISOString() })
      .onConflict(['uid', 'document_id', 'locale', 'visible_at'])
      .ignore()
      .returning('id')) as unknown[];
    if (inserted.length === 0) return undefined;
    return enqueueWebhook(strapi, trx, {
      eventId: stableEventId(ENTRY_VISIBLE_EVENT, release.uid, release.document_id, release.locale, release.visible_at),
      event: ENTRY_VISIBLE_EVENT,
      payload: {
        model: strapi.getModel(release.uid).modelName,
        uid: release.uid,
        entry: { documentId: release.document_id, locale: release.locale || null },
        reason: 'visible',
        visibleAt: release.visible_at,
        ...(purge ? { purge } : {}),
      },
    });
  });

/**
 * What a proxy must drop now that the document shows, read before the claim: outside its
 * transaction, which on SQLite holds the only connection. The webhook still goes out without it.
 */
const purgeOfRelease = async (
  strapi: Core.Strapi,
  release: { uid: UID.ContentType; documentId: string; locale: string | null }
): Promise<PurgeTargets | undefined> => {
  try {
    return await currentPurgeTargets(strapi, release);
  } catch (error) {
    strapi.log.error(
      `[visibility] could not compute the purge targets of ${release.uid} ${release.documentId}: ${(error as Error).message}`
    );
    return undefined;
  }
};

/** Tests stop here to kill the instance between the claim and the delivery (never in production). */
const testPauseAfterClaim = (strapi: Core.Strapi): number => strapi.config.get<number>('passerelle.testing.pauseAfterClaimMs', 0);

/**
 * Emits `entry.visible` for everything that became visible since the last run, once per document,
 * locale and instant whatever the number of instances. Reads already show such documents at the
 * exact instant (the rule is evaluated on each read); this is for the sites and caches that need
 * telling, through webhooks.
 */
export const announceVisibilityChanges = async (strapi: Core.Strapi): Promise<number> => {
  const to = now();
  const state = (await store(strapi).get({})) as { lastRunAt?: string } | null;
  const from = state?.lastRunAt ? new Date(state.lastRunAt) : to;
  if (to <= from) return 0;

  let announced = 0;
  for (const { uid, documentId, locale } of await documentsBecomingVisible(strapi, from, to)) {
    const instant = await visibleAt(strapi, uid, documentId, locale);
    if (!instant) continue;
    const pending = await claimAndEnqueue(
      strapi,
      { uid, document_id: documentId, locale: locale ?? '', visible_at: instant },
      await purgeOfRelease(strapi, { uid, documentId, locale })
    );
    if (!pending) continue;
    if (testPauseAfterClaim(strapi) > 0) {
      strapi.log.info(`[visibility] test pause after claiming ${pending.event_id}`);
      await new Promise((resolve) => setTimeout(resolve, testPauseAfterClaim(strapi)));
    }
    await deliver(strapi, pending);
    announced += 1;
  }
  await recordRun(strapi, to);
  return announced;
};

export const registerVisibilityAnnouncer = async (strapi: Core.Strapi): Promise<void> => {
  allowWebhookEvent(strapi, 'ENTRY_VISIBLE', ENTRY_VISIBLE_EVENT);
  await prepareAnnouncements(strapi);
  await prepareOutbox(strapi);
  // Start counting from now, so a restart does not announce old releases again.
  const state = (await store(strapi).get({})) as { lastRunAt?: string } | null;
  if (!state?.lastRunAt) await recordRun(strapi, now());
  // Strapi starts its scheduler whatever `server.cron.enabled` says; that switch is ours to honour.
  if (!strapi.config.get('server.cron.enabled', true)) return;
  // What an instance that crashed took and never sent; not awaited, so a slow receiver never delays the boot.
  deliverExpiredLeases(strapi).catch((error: unknown) =>
    strapi.log.error(`[webhooks] delivering pending events failed: ${(error as Error).message}`)
  );
  scheduleRecurringTask(strapi, {
    name: 'passerelleVisibilityAnnouncer',
    rule: CHECK_EVERY,
    scope: 'visibility',
    what: 'announcing changes',
    task: async () => {
      await announceVisibilityChanges(strapi);
      await deliverExpiredLeases(strapi);
    },
  });
  schedulePruning(strapi);
};
