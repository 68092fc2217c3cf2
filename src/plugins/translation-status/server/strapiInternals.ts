import type { Core } from '@strapi/strapi';

/**
 * The Strapi internals this plugin leans on, each checked against Strapi 5.54.0, in one place so an
 * upgrade has one file to re-read.
 */

type ZodLike = { enum: (values: [string, ...string[]]) => unknown };
type RouteLike = { method: string; handler?: unknown; info?: { apiName?: string } };

/**
 * Declares a query parameter to Strapi's strict query validation (`api.rest.strictParams`): a value
 * outside `values` is a 400 naming it. `strapi.contentAPI.addQueryParams`, checked against 5.54.0;
 * it must run during `register`, before routes are built.
 */
export const addEnumQueryParam = (
  strapi: Core.Strapi,
  name: string,
  values: [string, ...string[]],
  matchRoute: (route: RouteLike) => boolean
): void => {
  const contentApi = (strapi as unknown as { contentAPI?: { addQueryParams?: (params: Record<string, unknown>) => void } }).contentAPI;
  contentApi?.addQueryParams?.({ [name]: { schema: (z: ZodLike) => z.enum(values), matchRoute } });
};

/**
 * Registers a webhook event so the webhook store accepts it (`webhookStore.addAllowedEvent`, 5.54.0,
 * as Strapi's own plugins do for `media.*` and `review-workflows.*`).
 */
export const allowWebhookEvent = (strapi: Core.Strapi, key: string, event: string): void => {
  strapi.get<{ addAllowedEvent: (key: string, value: string) => void }>('webhookStore').addAllowedEvent(key, event);
};

/**
 * Adds a step to the documentation plugin's `mutateDocumentation` hook (read from
 * `plugin::documentation` config at each generation, 5.54.0), after the app's own step. Paths that
 * exist already (the content types' reads) can only be completed there: overrides replace a path whole.
 */
export const appendDocumentationMutation = (strapi: Core.Strapi, mutate: (draft: unknown) => void): void => {
  const key = 'plugin::documentation.x-strapi-config.mutateDocumentation';
  const previous = strapi.config.get<((draft: unknown) => void) | undefined>(key);
  strapi.config.set(key, (draft: unknown) => {
    previous?.(draft);
    mutate(draft);
  });
};

/** The admin panel's absolute URL (`admin.absoluteUrl`, computed by Strapi's configuration loader, 5.54.0). */
export const adminBaseUrl = (strapi: Core.Strapi): string => String(strapi.config.get('admin.absoluteUrl') ?? '/admin').replace(/\/$/, '');

type TableMetadata = { tableName: string; attributes: Record<string, { columnName?: string } | undefined> };

/**
 * Up to `limit` documents of `uid` that have no translation record yet, in `documentId` order after
 * `after` (if given), in one query: the documents' index gives the order, and each probe is answered
 * by the records' unique index (subject_uid, subject_document_id, subject_locale). Starting after the
 * last document found keeps each query's walk to its own batch: from the first document each time,
 * the 500th batch of the 50,000-article dataset walked past the 49,900 documents recorded before it
 * (22 s of the backfill's 124). Table and column names come from `strapi.db.metadata` and the schema
 * from `db.getSchemaName` (5.54.0); the query engine has no NOT EXISTS.
 */
export const documentsWithoutRecords = async (
  strapi: Core.Strapi,
  uid: string,
  recordUid: string,
  { limit, after }: { limit: number; after?: string }
): Promise<string[]> => {
  const metadata = (model: string) => strapi.db.metadata.get(model) as unknown as TableMetadata;
  const columnOf = (table: TableMetadata, field: string) => table.attributes[field]?.columnName ?? field;
  const schema = strapi.db.getSchemaName();
  const qualified = (name: string) => (schema ? `${schema}.${name}` : name);
  const subject = metadata(uid);
  const records = metadata(recordUid);
  const knex = strapi.db.connection;
  const documentIdColumn = `s.${columnOf(subject, 'documentId')}`;
  const rows = (await knex
    .distinct({ documentId: documentIdColumn })
    .from({ s: qualified(subject.tableName) })
    .modify((query) => {
      if (after !== undefined) void query.where(documentIdColumn, '>', after);
    })
    .whereNotExists(
      knex
        .select(knex.raw('1'))
        .from({ r: qualified(records.tableName) })
        .where(`r.${columnOf(records, 'subjectUid')}`, uid)
        .whereRaw('?? = ??', [`r.${columnOf(records, 'subjectDocumentId')}`, documentIdColumn])
    )
    .orderBy(documentIdColumn)
    .limit(limit)) as Array<{ documentId: string | null }>;
  return rows.map((row) => row.documentId).filter((id): id is string => typeof id === 'string');
};
