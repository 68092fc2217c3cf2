import type { Core } from '@strapi/strapi';

/**
 * Every undocumented Strapi or knex internal the app's own lifecycles rely on, in one place.
 * Checked against Strapi 5.54.0 (knex 3.0.1, tarn 3.1.2); tests/api/shutdown.test.ts fails when
 * one changes.
 */

/** tarn's pool, which knex keeps as `client.pool` (public in tarn, not in knex). */
type ConnectionPool = { numUsed(): number; numPendingAcquires(): number; numPendingCreates(): number };

/** Queries running on a connection or waiting for one. */
export const databaseWorkInFlight = (strapi: Core.Strapi): number => {
  const pool = (strapi.db.connection.client as { pool?: ConnectionPool }).pool;
  if (!pool) return 0;
  return pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates();
};

/** Strapi's webhook runner keeps its calls in a `WorkerQueue` (`webhookRunner.queue`, private): `running` being sent, `queue` waiting. */
type WebhookQueue = { running?: unknown; queue?: unknown };

/** Webhook calls being sent or waiting to be. An unknown shape counts as none: shutdown goes on as it did before. */
export const webhookCallsInFlight = (strapi: Core.Strapi): number => {
  const queue = strapi.get<{ queue?: WebhookQueue } | undefined>('webhookRunner')?.queue;
  if (!queue || typeof queue.running !== 'number' || !Array.isArray(queue.queue)) return 0;
  return queue.running + queue.queue.length;
};
