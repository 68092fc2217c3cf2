import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { isPostgres } from '../../../../lib/database/dialect';
import { isWriteAction, type DocumentContext, type DocumentMiddleware } from '../../../../lib/documents/documentMiddleware';
import { validationError } from '../../../../lib/validation/validationError';
import type { EditorialRulesSettings } from '../settings';
import { inTransaction } from '../strapiInternals';
import { buildSlug, firstFreeSlug, slugCandidates } from './buildSlug';
import { isSlugIndexConflict, type SlugIndex } from './uniqueSlugIndexes';

/** How many times a generated slug is recomputed after another writer took it first. */
const MAX_SLUG_ATTEMPTS = 5;
const slugAttempt = new AsyncLocalStorage<number>();

const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const localeOf = async (strapi: Core.Strapi, context: DocumentContext): Promise<string> =>
  typeof context.params.locale === 'string'
    ? context.params.locale
    : await strapi.plugin('i18n').service<{ getDefaultLocale(): Promise<string> }>('locales').getDefaultLocale();

type SlugField = { uid: UID.ContentType; field: string; locale: string; documentId?: string };

/** Candidates read per query; a title used more often than this takes one more query per batch. */
const CANDIDATES_PER_READ = 50;

/**
 * Which of the slugs a document titled `base` may take (`base`, `base-2`…) other documents of the type
 * hold in this locale, read a batch at a time until one is free. Equality on the slug index: a
 * `LIKE 'base%'` cannot use it on SQLite (its LIKE ignores case, the index does not), and scanned the
 * whole table on every write (39 ms a write at 10,000 articles).
 */
const takenSlugs = async (strapi: Core.Strapi, { uid, field, locale, documentId }: SlugField, base: string) => {
  const taken = new Set<string>();
  for (let from = 0; ; from += CANDIDATES_PER_READ) {
    const candidates = slugCandidates(base, from, CANDIDATES_PER_READ);
    const rows = (await strapi.db.query(uid).findMany({
      select: [field],
      where: {
        [field]: { $in: candidates },
        locale,
        ...(documentId ? { documentId: { $ne: documentId } } : {}),
      },
    })) as Array<Record<string, string | null>>;
    for (const row of rows) if (row[field]) taken.add(row[field]);
    if (candidates.some((candidate) => !taken.has(candidate))) return taken;
  }
};

const slugTaken = (field: string) => validationError([{ path: [field], message: 'This attribute must be unique' }]);

type ClonedEntry = Record<string, unknown> & { id: number | string; locale?: string | null; documentId: string };

/**
 * Gives each entry of a clone a slug of its own. Strapi 5.54.0's clone copies the source's entries,
 * slug included (the unique index refused the copy: a 500 from the admin panel's Duplicate). A clone
 * of one locale gets the first free slug of its source field in its data. A clone of several applies
 * one `data` to every locale it copies: the copies are made without a slug, then each is given the
 * first free slug of its own source field, in the clone's transaction, through the query engine. The
 * copies are drafts, which neither the read model nor the search index holds: their write logs do not
 * note a write to a draft row of a type's own table.
 */
const cloneWithOwnSlugs = async (
  strapi: Core.Strapi,
  context: DocumentContext,
  { slugField, sourceField, language }: { slugField: string; sourceField: string; language: string },
  next: () => Promise<unknown>
) =>
  // Strapi 5.54.0 types the transaction's callback argument as `any`; it is knex's transaction.
  strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
    // One locale (the admin panel's Duplicate): its slug goes in the clone's own data, so that the copy
    // is written once, inside every other middleware's view.
    const { locale: requested } = context.params;
    if (requested !== '*' && !Array.isArray(requested)) {
      const locale = await localeOf(strapi, context);
      const given = context.params.data?.[sourceField];
      const source = isBlank(given)
        ? (
            (await strapi.db.query(context.uid).findOne({
              select: [sourceField],
              where: { documentId: context.params.documentId, locale, publishedAt: null },
            })) as Record<string, unknown> | null
          )?.[sourceField]
        : given;
      if (typeof source === 'string' && source.trim() !== '') {
        const base = buildSlug(source, language) || 'document';
        // Concurrent clones of one document would all choose the same slug before any of them commits
        // (the whole clone lies between the choice and the commit): on PostgreSQL they choose in turn,
        // each after the one before committed. SQLite runs one writing transaction at a time.
        if (isPostgres(strapi)) await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`slug:${context.uid}:${locale}:${base}`]);
        const slug = firstFreeSlug(base, await takenSlugs(strapi, { uid: context.uid, field: slugField, locale }, base));
        context.params.data = { ...(context.params.data ?? {}), [slugField]: slug };
        return next();
      }
    }
    context.params.data = { ...(context.params.data ?? {}), [slugField]: null };
    const result = (await next()) as { entries?: ClonedEntry[] } | null;
    for (const entry of result?.entries ?? []) {
      const source = entry[sourceField];
      if (typeof source !== 'string' || source.trim() === '') continue;
      const base = buildSlug(source, language) || 'document';
      const locale = entry.locale ?? (await localeOf(strapi, context));
      const field = { uid: context.uid, field: slugField, locale, documentId: entry.documentId };
      const slug = firstFreeSlug(base, await takenSlugs(strapi, field, base));
      await strapi.db.query(context.uid).update({ where: { id: entry.id }, data: { [slugField]: slug } });
      entry[slugField] = slug;
    }
    return result;
  });

/**
 * Fills an empty slug from the configured source field (a title, name, headline) of the locale being
 * written, unique within that type and locale; a clone's copies each get their own. A slug typed by
 * staff is kept as is: Strapi checks its format and uniqueness.
 */
export const assignSlug =
  (strapi: Core.Strapi, slugs: EditorialRulesSettings['slugs'], indexes: () => readonly SlugIndex[]): DocumentMiddleware =>
  async (context, next) => {
    const configured = slugs.types[context.uid] as { field: string; from: string } | undefined;
    if (!configured || !(isWriteAction(context.action) || context.action === 'clone')) return next();
    const { field: slugField, from: sourceField } = configured;

    /** Runs the write; a slug the database refuses as taken is the client's 400, naming the field. */
    const writeRefusingTakenSlug = async (write: () => Promise<unknown>) => {
      try {
        return await write();
      } catch (error) {
        if (isSlugIndexConflict(error, indexes())) throw slugTaken(slugField);
        throw error;
      }
    };

    const requested = { ...context.params };
    /**
     * Runs the write with a slug this middleware chose. The read of taken slugs and the write are not
     * atomic: the unique index refuses this writer when another took the slug meanwhile. The call is
     * then made again from the start, so it reads the taken slugs again and every rule runs again
     * (Strapi's chain cannot be resumed midway). Inside a caller's transaction PostgreSQL has aborted
     * it: the conflict is reported instead.
     */
    const writeAgainIfSlugTaken = async (write: () => Promise<unknown>) => {
      try {
        return await write();
      } catch (error) {
        if (!isSlugIndexConflict(error, indexes())) throw error;
        const attempt = slugAttempt.getStore() ?? 1;
        if (attempt >= MAX_SLUG_ATTEMPTS || inTransaction(strapi)) throw slugTaken(slugField);
        const documents = strapi.documents(context.uid) as unknown as Record<string, (params: unknown) => Promise<unknown>>;
        return slugAttempt.run(attempt + 1, () => documents[context.action](requested));
      }
    };

    const data = context.params.data ?? {};
    if (!isBlank(data[slugField])) return writeRefusingTakenSlug(next);
    if (context.action === 'clone')
      return writeAgainIfSlugTaken(() => cloneWithOwnSlugs(strapi, context, { slugField, sourceField, language: slugs.language }, next));

    const locale = await localeOf(strapi, context);
    const { documentId } = context.params;
    let source = data[sourceField];
    if (context.action === 'update' && documentId && !(slugField in data)) {
      const existing = (await strapi.db.query(context.uid).findOne({
        select: [slugField, sourceField],
        where: { documentId, locale, publishedAt: null },
      })) as Record<string, unknown> | null;
      if (existing && !isBlank(existing[slugField])) return writeRefusingTakenSlug(next);
      source = source ?? existing?.[sourceField];
    }
    if (isBlank(source) && documentId) {
      // A new locale of a document whose source field is shared (a partner's name) arrives without it.
      const sibling = (await strapi.db.query(context.uid).findOne({
        select: [sourceField],
        where: { documentId, [sourceField]: { $notNull: true } },
      })) as Record<string, unknown> | null;
      source = sibling?.[sourceField];
    }
    if (typeof source !== 'string' || source.trim() === '') return next();

    const base = buildSlug(source, slugs.language) || 'document';
    const slug = firstFreeSlug(base, await takenSlugs(strapi, { uid: context.uid, field: slugField, locale, documentId }, base));
    context.params.data = { ...data, [slugField]: slug };
    return writeAgainIfSlugTaken(next);
  };
