import type { Core, UID } from '@strapi/strapi';

export type SlugIndex = { uid: UID.ContentType; table: string; name: string; localized: boolean; draftAndPublish: boolean };

type ContentTypeLike = {
  collectionName?: string;
  options?: { draftAndPublish?: boolean };
  pluginOptions?: { i18n?: { localized?: boolean } };
  attributes: Record<string, { type: string }>;
};

/** Our content types with a `slug` uid field, and the unique index each gets. */
export const slugIndexes = (strapi: Core.Strapi): SlugIndex[] =>
  Object.entries(strapi.contentTypes as unknown as Record<string, ContentTypeLike>)
    .filter(([uid, type]) => uid.startsWith('api::') && type.attributes.slug?.type === 'uid' && type.collectionName)
    .map(([uid, type]) => ({
      uid: uid as UID.ContentType,
      table: type.collectionName as string,
      name: `${type.collectionName}_slug_unique_idx`,
      localized: type.pluginOptions?.i18n?.localized === true,
      draftAndPublish: type.options?.draftAndPublish === true,
    }));

/** True when `error` is the database refusing a second row in one of our slug indexes. */
export const isSlugIndexConflict = (error: unknown): boolean => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  // PostgreSQL: 23505 names the index; SQLite: "UNIQUE constraint failed: articles.slug, articles.locale, …".
  if (code === '23505') return /_slug_unique_idx/.test(text);
  return /UNIQUE constraint failed: \w+\.slug\b/.test(text) || /_slug_unique_idx/.test(text);
};

/**
 * One slug per type, locale and publication state, enforced by the database so that two writers that
 * picked the same free slug at the same moment cannot both keep it: `(slug, locale, published_at IS NULL)`.
 * Strapi's `indexes` in schema.json only take plain columns, so the index is created here, after Strapi
 * has synchronised the tables (a user migration would run before they exist). `IF NOT EXISTS` makes it
 * idempotent; Strapi's schema diff leaves indexes it did not declare alone (checked against 5.54.0).
 */
export const ensureUniqueSlugIndexes = async (strapi: Core.Strapi): Promise<void> => {
  const knex = strapi.db.connection;
  const schema = strapi.db.getSchemaName();
  for (const index of slugIndexes(strapi)) {
    const table = schema ? `${schema}.${index.table}` : index.table;
    const columns = ['??', ...(index.localized ? ['??'] : []), ...(index.draftAndPublish ? ['(?? IS NULL)'] : [])];
    const bindings = [
      index.name,
      table,
      'slug',
      ...(index.localized ? ['locale'] : []),
      ...(index.draftAndPublish ? ['published_at'] : []),
    ];
    try {
      await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ?? ON ?? (${columns.join(', ')})`, bindings);
    } catch (error) {
      // A database that already holds duplicates (written before this index existed) must still start;
      // staff resolve them, and the next boot creates the index.
      const duplicates: Array<Record<string, string>> = await knex(table)
        .select('slug', ...(index.localized ? ['locale'] : []))
        .whereNotNull('slug')
        .groupBy('slug', ...(index.localized ? ['locale'] : []), ...(index.draftAndPublish ? [knex.raw('published_at IS NULL')] : []))
        .havingRaw('count(*) > 1');
      strapi.log.error(
        `Could not create the unique slug index ${index.name} on ${index.table}: ${(error as Error).message}. ` +
          `Slugs used twice: ${duplicates.map((row) => [row.slug, row.locale].filter(Boolean).join(' ')).join(', ') || 'none found'}. ` +
          'Give each a distinct slug in the admin panel, then restart.'
      );
    }
  }
};
