import type { Core, UID } from '@strapi/strapi';
import { documentsBecomingVisible } from './nextVisibilityChange';
import { timeFieldNames, timeFieldsOf } from './settings';
import { allowWebhookEvent, schemaBuilder, tableConnection } from './strapiInternals';
import { now } from '../../../lib/clock/clock';
import { asBookkeeping } from '../../response-cache/server/content-version/contentVersion';

/** Webhook event fired when a published document becomes public (embargo ended, schedule reached). */
export const ENTRY_VISIBLE_EVENT = 'entry.visible';
const CHECK_EVERY = '*/10 * * * * *';

/**
 * One row per announced release: document, locale and the instant it became visible. Every instance
 * runs the announcer on the same tick; only the one whose insert lands announces.
 */
export const ANNOUNCEMENTS_TABLE = 'passerelle_visibility_announcements';

const store = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'passerelle', key: 'visibility-announcer' });
const recordRun = (strapi: Core.Strapi, at: Date) => asBookkeeping(() => store(strapi).set({ value: { lastRunAt: at.toISOString() } }));

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
const visibleAt = async (strapi: Core.Strapi, uid: UID.ContentType, documentId: string, locale: string | null): Promise<string | undefined> => {
  const { attributes } = strapi.getModel(uid);
  const fields = timeFieldNames(timeFieldsOf(uid, attributes));
  const row = (await strapi.db.query(uid).findOne({
    select: fields,
    where: { documentId, publishedAt: { $notNull: true }, ...(locale ? { locale } : {}) },
  })) as Record<string, string | Date | null> | null;
  const instants = fields.map((field) => row?.[field]).filter((value): value is string | Date => Boolean(value)).map((value) => new Date(value).getTime());
  return instants.length > 0 ? new Date(Math.max(...instants)).toISOString() : undefined;
};

/** True for the one instance whose claim on this release landed. */
const claim = async (strapi: Core.Strapi, row: { uid: string; document_id: string; locale: string; visible_at: string }): Promise<boolean> => {
  const inserted = (await tableConnection(strapi, ANNOUNCEMENTS_TABLE)
    .insert({ ...row, claimed_at: now().toISOString() })
    .onConflict(['uid', 'document_id', 'locale', 'visible_at'])
    .ignore()
    .returning('id')) as unknown[];
  return inserted.length > 0;
};

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
    if (!instant || !(await claim(strapi, { uid, document_id: documentId, locale: locale ?? '', visible_at: instant }))) continue;
    void strapi.eventHub.emit(ENTRY_VISIBLE_EVENT, {
      model: strapi.getModel(uid).modelName,
      uid,
      entry: { documentId, locale },
      reason: 'visible',
    });
    announced += 1;
  }
  await recordRun(strapi, to);
  return announced;
};

export const registerVisibilityAnnouncer = async (strapi: Core.Strapi): Promise<void> => {
  allowWebhookEvent(strapi, 'ENTRY_VISIBLE', ENTRY_VISIBLE_EVENT);
  await prepareAnnouncements(strapi);
  // Start counting from now, so a restart does not announce old releases again.
  const state = (await store(strapi).get({})) as { lastRunAt?: string } | null;
  if (!state?.lastRunAt) await recordRun(strapi, now());
  // Strapi starts its scheduler whatever `server.cron.enabled` says; that switch is ours to honour.
  if (!strapi.config.get('server.cron.enabled', true)) return;
  strapi.cron.add({
    passerelleVisibilityAnnouncer: {
      task: async () => {
        try {
          await announceVisibilityChanges(strapi);
        } catch (error) {
          strapi.log.error(`[visibility] announcing changes failed: ${(error as Error).message}`);
        }
      },
      options: { rule: CHECK_EVERY },
    },
  });
};
