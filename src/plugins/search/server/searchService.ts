import type { Core, UID } from '@strapi/strapi';
import { analyserNameFor } from './analysis/analyser';
import { buildSnippet } from './analysis/snippet';
import { DEFAULT_CONFIG, typeNameOf, type SearchConfig, type SearchTypeConfig } from './config';
import { searchIndex, type SearchRow } from './index/searchIndex';
import { rebuildIndex, reindexDocuments, removeEntriesOutsideLocales } from './index/indexWriter';
import { buildSiteUrl, embargoState, now, siteConfig, siteLocales, type ReaderAccess } from './passerelle';
import { parseSearchParams, type ParamRules } from './searchParams';
import { indexStep, type IndexStep } from './index/writesAround';
import { createIndexKeeper } from './index/catchUp';
import { compactIndex } from './index/compaction';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';

export type SearchHit = {
  type: string;
  kind: string | null;
  documentId: string;
  locale: string;
  title: string;
  slug: string | null;
  url: string | null;
  snippet: string;
  score: number;
  embargo: { until: string; active: boolean } | null;
};

/** How long a search waits for the index to catch up with writes made around the Document Service (a small site's takes well under it). */
const CATCH_UP_WAIT_MS = 2000;
export const CATCH_UP_RETRY_AFTER_SECONDS = 5;

/** The index is catching up with writes made around the Document Service: answered 503 (REST) or as this error (GraphQL). */
export class IndexCatchingUpError extends errors.ApplicationError<'ServiceUnavailableError', string, { retryAfterSeconds: number }> {
  constructor() {
    super('The search index is catching up with changes made outside the CMS (an import, a script): try again in a few seconds.', {
      retryAfterSeconds: CATCH_UP_RETRY_AFTER_SECONDS,
    });
    this.name = 'ServiceUnavailableError';
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export const searchConfigOf = (strapi: Core.Strapi): SearchConfig => ({
  ...DEFAULT_CONFIG,
  ...strapi.config.get<Partial<SearchConfig>>('plugin::search'),
});

type Attribute = { type: string; enum?: string[] };

/** Every value the `kind` filter can take: the enumeration values of the configured kind fields. */
const kindsOf = (strapi: Core.Strapi, types: SearchTypeConfig[]): string[] =>
  [
    ...new Set(
      types.flatMap((type) => {
        const attribute = type.kind
          ? (strapi.contentType(type.uid as UID.ContentType) as unknown as { attributes: Record<string, Attribute> } | undefined)
              ?.attributes[type.kind]
          : undefined;
        return attribute?.enum ?? [];
      })
    ),
  ].sort();

export const createSearchService = (strapi: Core.Strapi) => {
  const config = searchConfigOf(strapi);
  const typeByName = new Map(config.types.map((type) => [typeNameOf(type), type]));
  const typeByUid = new Map(config.types.map((type) => [type.uid, type]));
  const analyserOf = (locale: string) => analyserNameFor(locale, config.analysers);
  const keeper = createIndexKeeper({ strapi, config });
  let compacting: Promise<{ steps: number }> | undefined;
  let stopping = false;
  /** Merges the full-text index's segments into one (compaction.ts); a call while one runs shares it. */
  const compact = (): Promise<{ steps: number }> => {
    compacting ??= compactIndex(strapi, { stopped: () => stopping }).finally(() => {
      compacting = undefined;
    });
    return compacting;
  };

  /** The index's step before a search; out of step, this instance catches up, and the search waits for it a little. */
  const stepBeforeSearch = async (): Promise<IndexStep> => {
    const step = await indexStep(strapi);
    if (step.inStep) return step;
    await Promise.race([keeper.catchUp(), delay(CATCH_UP_WAIT_MS)]);
    const after = await indexStep(strapi);
    if (!after.inStep) throw new IndexCatchingUpError();
    return after;
  };

  const paramRules = async (): Promise<ParamRules> => {
    // The list every public route checks, so that a locale removed in the admin panel is refused at once.
    const { codes, defaultLocale } = await siteLocales(strapi);
    return {
      locales: codes,
      defaultLocale,
      types: [...typeByName.keys()],
      kinds: kindsOf(strapi, config.types),
      maxQueryLength: config.maxQueryLength,
      maxTerms: config.maxTerms,
      defaultPageSize: strapi.config.get<number | undefined>('api.rest.defaultLimit') ?? 25,
      maxPageSize: strapi.config.get<number | undefined>('api.rest.maxLimit') ?? 100,
      analyserOf,
    };
  };

  const hitOf = (row: SearchRow, params: { query: Parameters<typeof buildSnippet>[1] }, instant: Date): SearchHit => {
    const embargoUntil = row.embargo_until === null ? undefined : new Date(Number(row.embargo_until));
    return {
      type: row.type,
      kind: row.kind,
      documentId: row.document_id,
      locale: row.locale,
      title: row.title,
      slug: row.slug,
      url: buildSiteUrl(siteConfig(strapi), row.type, row.locale, row.slug) ?? null,
      snippet: buildSnippet(row.body, params.query, { analyser: analyserOf(row.locale), words: config.snippetWords }),
      score: Math.round(row.score * 1e6) / 1e6,
      embargo: embargoUntil ? (embargoState({ until: embargoUntil.toISOString() }, instant, 'until') ?? null) : null,
    };
  };

  return {
    config,
    typeByUid,
    paramRules,

    /** One page of hits for a reader; `raw` is the request's query string, parsed. */
    async search(raw: Record<string, unknown>, access: ReaderAccess) {
      const params = parseSearchParams(raw, await paramRules());
      const instant = now();
      const ask = () =>
        searchIndex(strapi, {
          query: params.query,
          locale: params.locale,
          types: params.types,
          kinds: params.kinds,
          now: instant,
          access,
          start: (params.page - 1) * params.pageSize,
          limit: params.pageSize,
          window: config.rankWindow,
        });
      // Read between two looks at the index's step: a write around the Document Service committed
      // before the second is either caught up with before the first, or seen by the second.
      let found: Awaited<ReturnType<typeof searchIndex>> | undefined;
      for (let attempt = 0; !found; attempt += 1) {
        const before = await stepBeforeSearch();
        const answer = await ask();
        const after = await indexStep(strapi);
        if (after.inStep && after.generation === before.generation) found = answer;
        else if (attempt > 0) throw new IndexCatchingUpError();
      }
      const { rows, total, exact } = found;
      return {
        data: rows.map((row) => hitOf(row, params, instant)),
        meta: {
          pagination: {
            page: params.page,
            pageSize: params.pageSize,
            pageCount: Math.ceil(total / params.pageSize),
            total,
            // False when more entries matched than are ranked (`rankWindow`): `total` is then a lower bound.
            totalIsExact: exact,
          },
        },
      };
    },

    /** Indexes one document's published versions again, inside `trx` (the write's transaction). */
    reindexDocument: (trx: Knex, uid: string, documentId: string) => {
      const type = typeByUid.get(uid);
      return type ? reindexDocuments({ strapi, config }, trx, type, [documentId]) : Promise.resolve();
    },

    /** Indexes the documents' published versions again, inside `trx` (a batch of writes', at its end). */
    reindexDocuments: (trx: Knex, uid: string, documentIds: string[]) => {
      const type = typeByUid.get(uid);
      return type ? reindexDocuments({ strapi, config }, trx, type, documentIds) : Promise.resolve();
    },

    /**
     * Empties the index and indexes every published document again, then merges the full-text index
     * into one segment: FTS5 wrote one each time its pending terms filled its hash (about 1 MB), and
     * merges them only four at a time.
     */
    async rebuild(options?: { batchSize?: number }): Promise<{ entries: number }> {
      const rebuilt = await rebuildIndex({ strapi, config }, options);
      await compact();
      return rebuilt;
    },

    /** Catches up with writes made around the Document Service now, if any (boot, tests); resolves once in step or stopped. */
    async catchUp(): Promise<void> {
      if (!(await indexStep(strapi)).inStep) await keeper.catchUp();
    },

    /** Stops catching up (the app is stopping): the next boot does it. */
    stopCatchingUp: () => keeper.stop(),

    compact,

    /** Stops merging between two steps (the app is stopping) and waits for the step under way. */
    async stopCompacting(): Promise<void> {
      stopping = true;
      await compacting?.catch(() => undefined);
    },

    /** Drops the entries of locales the site no longer has (read now, not remembered), so that one added again starts empty. */
    async forgetRemovedLocales(): Promise<number> {
      const codes = ((await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>).map((locale) => locale.code);
      // i18n keeps the default locale; no list at all is not a site whose entries should all go.
      return codes.length === 0 ? 0 : removeEntriesOutsideLocales({ strapi, config }, codes);
    },
  };
};

export type SearchService = ReturnType<typeof createSearchService>;
