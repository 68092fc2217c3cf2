import { describeOnEachDatabase } from '../helpers/eachDatabase';
import { OUTBOX_TABLE, PRUNE_RULE, pruneDelivered } from '../../src/plugins/visibility/server/webhookOutbox';

/**
 * The webhook outbox forgets what it delivered: rows delivered longer ago than the retention go, in
 * batches, pending and given-up rows stay, and instances pruning at the same moment neither fail
 * nor delete more than once.
 */
const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-03-10T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

type Row = { event_id: string; delivered_at: string | null; abandoned_at: string | null };

describeOnEachDatabase(
  'pruning the webhook outbox',
  (server) => {
    const outbox = () => {
      const strapi = server().strapi;
      const schemaName = strapi.db.getSchemaName();
      return schemaName ? strapi.db.connection(OUTBOX_TABLE).withSchema(schemaName) : strapi.db.connection(OUTBOX_TABLE);
    };
    const row = (eventId: string, created: number, states: { delivered?: number; abandoned?: number }) => ({
      event_id: eventId,
      event: 'entry.visible',
      payload: '{}',
      created_at: daysAgo(created),
      lease_until: daysAgo(created),
      attempts: 1,
      delivered_at: states.delivered === undefined ? null : daysAgo(states.delivered),
      abandoned_at: states.abandoned === undefined ? null : daysAgo(states.abandoned),
    });

    it('is scheduled on an instance running the scheduler', () => {
      const jobs = server().strapi.cron.jobs as Array<{ name: string; options: { rule: string } | string }>;
      const job = jobs.find((spec) => spec.name === 'passerelleWebhookOutboxPrune');
      expect(job).toBeDefined();
      expect(JSON.stringify(job?.options)).toContain(PRUNE_RULE);
    });

    it('deletes delivered rows past the retention in batches, keeps the rest, and runs safely twice at once', async () => {
      await outbox().delete();
      const old = Array.from({ length: 11 }, (_, i) => row(`old-${i}`, 12, { delivered: 8 + (i % 3) }));
      const kept = [
        row('recent', 3, { delivered: 2 }),
        row('just-inside', 8, { delivered: 6.9 }),
        row('pending', 12, {}),
        row('given-up', 40, { abandoned: 30 }),
      ];
      await outbox().insert([...old, ...kept]);

      // Two instances on the same tick (batches of 4 from the test's environment: several rounds each).
      const pruned = await Promise.all([pruneDelivered(server().strapi, NOW), pruneDelivered(server().strapi, NOW)]);
      expect(pruned[0] + pruned[1]).toBe(old.length);

      const left = (await outbox().select('event_id', 'delivered_at', 'abandoned_at').orderBy('event_id')) as Row[];
      expect(left.map((entry) => entry.event_id).sort()).toEqual(kept.map((entry) => entry.event_id).sort());
      expect(await pruneDelivered(server().strapi, NOW)).toBe(0);

      // A week later, what was recent goes too; what was never delivered still stays.
      expect(await pruneDelivered(server().strapi, new Date(NOW.getTime() + 7 * DAY))).toBe(2);
      const after = (await outbox().select('event_id').orderBy('event_id')) as Row[];
      expect(after.map((entry) => entry.event_id)).toEqual(['given-up', 'pending']);
    });
  },
  { STRAPI_DISABLE_CRON: 'false', WEBHOOK_OUTBOX_PRUNE_BATCH_SIZE: '4', WEBHOOK_OUTBOX_RETENTION_DAYS: '7' }
);
