import type { Core } from '@strapi/strapi';
import { isPostgres } from '../../../lib/database/dialect';

/**
 * Every undocumented or private Strapi API the editorial rules rely on, in one place. Checked
 * against Strapi 5.54.0 (@strapi/database): on an upgrade, read each against the new release first
 * (the tests named beside them fail when one changes).
 */

type AttributeMetadata = { columnName?: string };

/**
 * The database column behind a field (`strapi.db.metadata.get(uid).attributes[field].columnName`,
 * 5.54.0: packages/core/database/src/metadata), for the unique slug index (tests/api/slug-races.test.ts).
 */
export const columnNameOf = (strapi: Core.Strapi, uid: string, field: string): string => {
  const attributes = (strapi.db.metadata.get(uid) as unknown as { attributes: Record<string, AttributeMetadata> }).attributes;
  return attributes[field]?.columnName ?? field;
};

/**
 * True inside a caller's transaction (`strapi.db.inTransaction`, 5.54.0: transaction-context.ts),
 * where PostgreSQL has aborted the transaction after a unique violation and a retry cannot help.
 */
export const inTransaction = (strapi: Core.Strapi): boolean => strapi.db.inTransaction();

/**
 * Locks a document's drafts in every locale until the current transaction ends (PostgreSQL's
 * `SELECT … FOR UPDATE` through Strapi's query builder, which joins the transaction in progress:
 * `strapi.db.queryBuilder`, `forUpdate`, 5.54.0: query/query-builder.ts). SQLite has one writer at a
 * time already, and knex would only warn there.
 */
export const lockDraftsOf = async (strapi: Core.Strapi, uid: string, documentId: string): Promise<void> => {
  if (!isPostgres(strapi)) return;
  await strapi.db.queryBuilder(uid).select(['id']).where({ documentId, publishedAt: null }).forUpdate().execute();
};
