import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { scheduleRecurringTask } from '../../../lib/schedule/recurringTask';

/**
 * Webhooks delivered at least once, whatever happens to the instance that decided to send them.
 * Strapi's own runner keeps its queue in memory, so a crash between "decided" and "sent" loses the
 * event. Here the decision is a row written in the same transaction as what caused it; the row
 * stays pending until every enabled webhook for its event has answered 2xx.
 */
export const OUTBOX_TABLE = 'passerelle_webhook_outbox';

export type OutboxEvent = {
  /** Stable across retries and instances: receivers de-duplicate on it (payload field `eventId`). */
  eventId: string;
  event: string;
  payload: Record<string, unknown>;
};

type OutboxRow = { id: number; event_id: string; event: string; payload: string; created_at: string; attempts: number };

type OutboxSettings = { leaseSeconds: number; maxAttempts: number; retentionDays: number; pruneBatchSize: number };
const settings = (strapi: Core.Strapi): OutboxSettings => ({
  leaseSeconds: strapi.config.get('webhookOutbox.leaseSeconds', 60),
  maxAttempts: strapi.config.get('webhookOutbox.maxAttempts', 30),
  retentionDays: strapi.config.get('webhookOutbox.retentionDays', 7),
  pruneBatchSize: strapi.config.get('webhookOutbox.pruneBatchSize', 500),
});

/** The same key always gives the same id: a hash, so the id says nothing a receiver should parse. */
export const stableEventId = (...parts: string[]): string =>
  crypto.createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

// Leases are wall-clock times compared as ISO strings (one format, UTC), not the app's clock.
const isoIn = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

const schemaBuilder = (strapi: Core.Strapi) => {
  const schemaName = strapi.db.getSchemaName();
  return schemaName ? strapi.db.connection.schema.withSchema(schemaName) : strapi.db.connection.schema;
};

/** Strapi leaves tables it does not know alone, so the outbox is a small table of our own. */
export const prepareOutbox = async (strapi: Core.Strapi): Promise<void> => {
  if (await schemaBuilder(strapi).hasTable(OUTBOX_TABLE)) return;
  await schemaBuilder(strapi)
    .createTable(OUTBOX_TABLE, (table) => {
      table.increments('id');
      table.string('event_id', 64).notNullable().unique({ indexName: 'passerelle_webhook_outbox_event_id' });
      table.string('event', 100).notNullable();
      table.text('payload').notNullable();
      table.string('created_at', 30).notNullable();
      // Until then the instance that took the row delivers it; after, anyone may.
      table.string('lease_until', 30).notNullable();
      table.integer('attempts').notNullable().defaultTo(0);
      table.string('delivered_at', 30).nullable();
      table.string('abandoned_at', 30).nullable();
      table.index(['delivered_at', 'lease_until'], 'passerelle_webhook_outbox_pending');
    })
    .catch(async (error: unknown) => {
      // Another instance created it between our check and our create.
      if (!(await schemaBuilder(strapi).hasTable(OUTBOX_TABLE))) throw error;
    });
};

const table = (strapi: Core.Strapi, trx?: Knex.Transaction) => {
  const schemaName = strapi.db.getSchemaName();
  const builder = trx ? trx(OUTBOX_TABLE) : strapi.db.connection(OUTBOX_TABLE);
  return schemaName ? builder.withSchema(schemaName) : builder;
};

/**
 * Records an event to deliver, inside the caller's transaction, leased to this instance (which
 * delivers it right after the commit). The same event id twice is one row.
 */
export const enqueueWebhook = async (strapi: Core.Strapi, trx: Knex.Transaction, event: OutboxEvent): Promise<OutboxRow | undefined> => {
  const createdAt = new Date().toISOString();
  const inserted = await table(strapi, trx)
    .insert({
      event_id: event.eventId,
      event: event.event,
      payload: JSON.stringify({ ...event.payload, eventId: event.eventId, createdAt }),
      created_at: createdAt,
      lease_until: isoIn(settings(strapi).leaseSeconds),
      attempts: 1,
    })
    .onConflict('event_id')
    .ignore()
    .returning<OutboxRow[]>(['id', 'event_id', 'event', 'payload', 'created_at', 'attempts']);
  return inserted[0];
};

/** Takes a pending row whose lease has run out; false when another instance got it first. */
const takeLease = async (strapi: Core.Strapi, row: OutboxRow): Promise<boolean> => {
  const taken = await table(strapi)
    .where({ id: row.id, attempts: row.attempts })
    .whereNull('delivered_at')
    .whereNull('abandoned_at')
    .where('lease_until', '<', new Date().toISOString())
    .update({ lease_until: isoIn(settings(strapi).leaseSeconds), attempts: row.attempts + 1 });
  return taken === 1;
};

type Webhook = { id: string; url: string; headers: Record<string, string>; events: string[]; isEnabled: boolean };
type RunResult = { statusCode: number; message?: string };

/** Sends one row to every enabled webhook for its event, and marks it delivered if all said 2xx. */
export const deliver = async (strapi: Core.Strapi, row: OutboxRow): Promise<boolean> => {
  // Read from the database, not the runner's memory: a webhook added in the panel of another
  // instance is known here too.
  const webhooks = ((await strapi.get('webhookStore').findWebhooks()) as Webhook[]).filter(
    (webhook) => webhook.isEnabled && webhook.events.includes(row.event)
  );
  // `webhookRunner.run(webhook, event, info)` posts one webhook and resolves with the status, never
  // rejects (undocumented, checked against Strapi 5.54.0). Its body is `{ event, createdAt, ...info }`.
  const runner = strapi.get<{
    run: (webhook: Webhook, event: string, info: Record<string, unknown>) => Promise<RunResult>;
  }>('webhookRunner');
  const info = JSON.parse(row.payload) as Record<string, unknown>;
  const failures: string[] = [];
  for (const webhook of webhooks) {
    const result = await runner.run(webhook, row.event, info);
    if (result.statusCode < 200 || result.statusCode >= 300)
      failures.push(`${webhook.url}: ${result.statusCode} ${result.message ?? ''}`.trim());
  }
  if (failures.length > 0) {
    const { maxAttempts } = settings(strapi);
    if (row.attempts >= maxAttempts) {
      await table(strapi).where({ id: row.id }).update({ abandoned_at: new Date().toISOString() });
      strapi.log.error(`[webhooks] ${row.event} ${row.event_id} given up after ${row.attempts} attempts: ${failures.join('; ')}`);
    } else {
      strapi.log.warn(
        `[webhooks] ${row.event} ${row.event_id} not delivered (attempt ${row.attempts}, retried after the lease): ${failures.join('; ')}`
      );
    }
    return false;
  }
  await table(strapi).where({ id: row.id }).update({ delivered_at: new Date().toISOString() });
  return true;
};

/** Delivers what other instances (or this one before a crash) took and did not finish. */
export const deliverExpiredLeases = async (strapi: Core.Strapi, limit = 50): Promise<number> => {
  const pending = (await table(strapi)
    .select('id', 'event_id', 'event', 'payload', 'created_at', 'attempts')
    .whereNull('delivered_at')
    .whereNull('abandoned_at')
    .where('lease_until', '<', new Date().toISOString())
    .orderBy('id')
    .limit(limit)) as OutboxRow[];
  let delivered = 0;
  for (const row of pending) {
    if (!(await takeLease(strapi, row))) continue;
    if (await deliver(strapi, { ...row, attempts: row.attempts + 1 })) delivered += 1;
  }
  return delivered;
};

/** At most this many batches per run, so one run never holds the scheduler for long; the next run goes on. */
const MAX_PRUNE_BATCHES = 20;

/**
 * Deletes delivered rows older than the retention (`WEBHOOK_OUTBOX_RETENTION_DAYS`), a batch at a
 * time so no statement holds locks for long. Pending and abandoned rows are kept. Safe on several
 * instances at once: a row two of them pick is deleted once, the other's delete simply counts it
 * out. Re-announcing is ruled out by the claims table, not by these rows, so dropping them sends
 * nothing twice.
 */
export const pruneDelivered = async (strapi: Core.Strapi, at: Date = new Date()): Promise<number> => {
  const { retentionDays, pruneBatchSize } = settings(strapi);
  const cutoff = new Date(at.getTime() - retentionDays * 24 * 60 * 60 * 1000).toISOString();
  let pruned = 0;
  for (let batch = 0; batch < MAX_PRUNE_BATCHES; batch += 1) {
    const rows = (await table(strapi)
      .select('id')
      .whereNotNull('delivered_at')
      .where('delivered_at', '<', cutoff)
      .orderBy('id')
      .limit(pruneBatchSize)) as Array<{ id: number }>;
    const ids = rows.map((row) => row.id);
    if (ids.length === 0) break;
    pruned += await table(strapi).whereIn('id', ids).whereNotNull('delivered_at').delete();
    if (ids.length < pruneBatchSize) break;
  }
  return pruned;
};

/** Once an hour, at a minute of its own so it does not share the announcer's tick. */
export const PRUNE_RULE = '17 * * * *';

export const schedulePruning = (strapi: Core.Strapi): void => {
  scheduleRecurringTask(strapi, {
    name: 'passerelleWebhookOutboxPrune',
    rule: PRUNE_RULE,
    scope: 'webhooks',
    what: 'pruning the outbox',
    task: async () => {
      const pruned = await pruneDelivered(strapi);
      if (pruned > 0) strapi.log.info(`[webhooks] pruned ${pruned} delivered outbox rows`);
    },
  });
};
