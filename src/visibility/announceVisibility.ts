import type { Core } from '@strapi/strapi';
import { documentsBecomingVisible } from './nextVisibilityChange';
import { now } from '../clock/clock';
import { asBookkeeping } from '../content-version/contentVersion';

/** Webhook event fired when a published document becomes public (embargo ended, schedule reached). */
export const ENTRY_VISIBLE_EVENT = 'entry.visible';
const CHECK_EVERY = '*/10 * * * * *';

const store = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'passerelle', key: 'visibility-announcer' });
const recordRun = (strapi: Core.Strapi, at: Date) => asBookkeeping(() => store(strapi).set({ value: { lastRunAt: at.toISOString() } }));

/**
 * Emits `entry.visible` for everything that became visible since the last run. Reads already show
 * such documents at the exact instant (the rule is evaluated on each read); this is for the sites
 * and caches that need telling, through webhooks.
 */
export const announceVisibilityChanges = async (strapi: Core.Strapi): Promise<number> => {
  const to = now();
  const state = (await store(strapi).get({})) as { lastRunAt?: string } | null;
  const from = state?.lastRunAt ? new Date(state.lastRunAt) : to;
  if (to <= from) return 0;

  const documents = await documentsBecomingVisible(strapi, from, to);
  for (const { uid, documentId, locale } of documents) {
    const model = strapi.getModel(uid);
    strapi.eventHub.emit(ENTRY_VISIBLE_EVENT, {
      model: model.modelName,
      uid,
      entry: { documentId, locale },
      reason: 'visible',
    });
  }
  await recordRun(strapi, to);
  return documents.length;
};

export const registerVisibilityAnnouncer = async (strapi: Core.Strapi): Promise<void> => {
  strapi.get('webhookStore').addAllowedEvent('ENTRY_VISIBLE', ENTRY_VISIBLE_EVENT);
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
