import type { Core, UID } from '@strapi/strapi';
import type { EditorialRulesSettings } from '../settings';
import { columnNameOf } from '../strapiInternals';

type SlugSettings = EditorialRulesSettings['slugs'];

export type SlugIndex = {
  uid: UID.ContentType;
  table: string;
  column: string;
  name: string;
  localized: boolean;
  draftAndPublish: boolean;
};

type ContentTypeLike = {
  collectionName?: string;
  options?: { draftAndPublish?: boolean };
  pluginOptions?: { i18n?: { localized?: boolean } };
};

/** The configured types' slug fields, and the unique index each gets. */
export const slugIndexes = (strapi: Core.Strapi, slugs: SlugSettings): SlugIndex[] =>
  Object.entries(slugs.types).flatMap(([uid, { field }]) => {
    const type = strapi.contentType(uid as UID.ContentType) as unknown as ContentTypeLike | undefined;
    if (!type?.collectionName) return [];
    const column = columnNameOf(strapi, uid, field);
    return [
      {
        uid: uid as UID.ContentType,
        table: type.collectionName,
        column,
        name: `${type.collectionName}_${column}_unique_idx`,
        localized: type.pluginOptions?.i18n?.localized === true,
        draftAndPublish: type.options?.draftAndPublish === true,
      },
    ];
  });

/** True when `error` is the database refusing a second row in one of the slug indexes of `indexes`. */
export const isSlugIndexConflict = (error: unknown, indexes: readonly SlugIndex[]): boolean => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  const namesIndex = indexes.some((index) => text.includes(index.name));
  // PostgreSQL: 23505 names the index; SQLite: "UNIQUE constraint failed: articles.slug, articles.locale, …".
  if (code === '23505') return namesIndex;
  return namesIndex || indexes.some((index) => text.includes(`UNIQUE constraint failed: ${index.table}.${index.column}`));
};

/**
 * One slug per type, locale and publication state, enforced by the database so that two writers that
 * picked the same free slug at the same moment cannot both keep it: `(slug, locale, published_at IS NULL)`.
 * Strapi's `indexes` in schema.json only take plain columns, so the index is created here, after Strapi
 * has synchronised the tables (a user migration would run before they exist). `IF NOT EXISTS` makes it
 * idempotent; Strapi's schema diff leaves indexes it did not declare alone (checked against 5.54.0).
 */
export const ensureUniqueSlugIndexes = async (strapi: Core.Strapi, indexes: readonly SlugIndex[]): Promise<void> => {
  const knex = strapi.db.connection;
  const schema = strapi.db.getSchemaName();
  for (const index of indexes) {
    const table = schema ? `${schema}.${index.table}` : index.table;
    const columns = ['??', ...(index.localized ? ['??'] : []), ...(index.draftAndPublish ? ['(?? IS NULL)'] : [])];
    const bindings = [
      index.name,
      table,
      index.column,
      ...(index.localized ? ['locale'] : []),
      ...(index.draftAndPublish ? ['published_at'] : []),
    ];
    try {
      await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ?? ON ?? (${columns.join(', ')})`, bindings);
    } catch (error) {
      // A database that already holds duplicates (written before this index existed) must still start;
      // staff resolve them, and the next boot creates the index.
      const duplicates: Array<Record<string, string>> = await knex(table)
        .select({ slug: index.column }, ...(index.localized ? ['locale'] : []))
        .whereNotNull(index.column)
        .groupBy(index.column, ...(index.localized ? ['locale'] : []), ...(index.draftAndPublish ? [knex.raw('published_at IS NULL')] : []))
        .havingRaw('count(*) > 1');
      strapi.log.error(
        `Could not create the unique slug index ${index.name} on ${index.table}: ${(error as Error).message}. ` +
          `Slugs used twice: ${duplicates.map((row) => [row.slug, row.locale].filter(Boolean).join(' ')).join(', ') || 'none found'}. ` +
          'Give each a distinct slug in the admin panel, then restart.'
      );
    }
  }
};
