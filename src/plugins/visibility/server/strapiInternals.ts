import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * Every undocumented or private Strapi API the visibility plugin relies on, in one place. Checked
 * against Strapi 5.54.0: on an upgrade, read each against the new release first (the tests named
 * beside them fail when one changes).
 */

type RequestState = {
  route?: { info?: { type?: string } };
  auth?: { strategy?: { name?: string }; credentials?: { type?: string; permissions?: Array<string | { action?: string }> } };
};
export type RequestLike = { state?: RequestState } | undefined;

/**
 * True for reads made through the Content API (REST or GraphQL), where public rules apply: Strapi
 * marks the matched route with `info.type === 'content-api'` (tests/api/embargo.test.ts).
 */
export const isContentApiRequest = (request: RequestLike): boolean => request?.state?.route?.info?.type === 'content-api';

/** Strapi 5.54 names its Content API token strategy `content-api-token`; earlier 5.x releases `api-token`. */
const API_TOKEN_STRATEGIES = new Set(['api-token', 'content-api-token']);

/** The API token behind a request (its type and permission actions), or undefined for anyone else (tests/unit/visibility/readerAccess.test.ts). */
export const apiTokenOf = (request: RequestLike): { type?: string; actions: string[] } | undefined => {
  const auth = request?.state?.auth;
  if (!auth || !API_TOKEN_STRATEGIES.has(auth.strategy?.name ?? '')) return undefined;
  const actions = (auth.credentials?.permissions ?? [])
    .map((p) => (typeof p === 'string' ? p : p.action))
    .filter((a): a is string => Boolean(a));
  return { type: auth.credentials?.type, actions };
};

/** Lets staff pick our event in Settings → Webhooks (`webhookStore.addAllowedEvent`, private). */
export const allowWebhookEvent = (strapi: Core.Strapi, key: string, event: string): void => {
  strapi.get('webhookStore').addAllowedEvent(key, event);
};

/** Knex, for the plugin's own table, in the PostgreSQL schema Strapi uses (`db.connection`, `db.getSchemaName`, `db.getConnection`). */
export const schemaBuilder = (strapi: Core.Strapi) => {
  const schemaName = strapi.db.getSchemaName();
  return schemaName ? strapi.db.connection.schema.withSchema(schemaName) : strapi.db.connection.schema;
};
export const tableConnection = (strapi: Core.Strapi, table: string, trx?: Knex.Transaction) => {
  if (!trx) return strapi.db.getConnection(table);
  const schemaName = strapi.db.getSchemaName();
  return schemaName ? trx(table).withSchema(schemaName) : trx(table);
};
