import type { Core } from '@strapi/strapi';

/**
 * Webhooks that must not be lost (`entry.visible`) wait in a database table until a receiver has
 * answered 2xx. An instance that took a delivery and died leaves it to the others after the lease.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  leaseSeconds: env.int('WEBHOOK_OUTBOX_LEASE_SECONDS', 60),
  // A receiver that keeps failing is given up after this many tries (one per lease), and logged.
  maxAttempts: env.int('WEBHOOK_OUTBOX_MAX_ATTEMPTS', 30),
  // Delivered rows are deleted once this old (hourly, in batches); pending and given-up rows stay.
  retentionDays: env.int('WEBHOOK_OUTBOX_RETENTION_DAYS', 7),
  pruneBatchSize: env.int('WEBHOOK_OUTBOX_PRUNE_BATCH_SIZE', 500),
});

export default config;
