import type { Core, UID } from '@strapi/strapi';
import { analyserNameFor } from './analysis/analyser';
import { buildSnippet } from './analysis/snippet';
import { DEFAULT_CONFIG, typeNameOf, type SearchConfig, type SearchTypeConfig } from './config';
import { searchIndex, type SearchRow } from './index/searchIndex';
import { rebuildIndex, reindexDocuments, removeEntriesOutsideLocales } from './index/indexWriter';
import { buildSiteUrl, embargoState, now, siteConfig, siteLocales, type ReaderAccess } from './passerelle';
import { parseSearchParams, type ParamRules } from './searchParams';
import type { Knex } from 'knex';

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
      const { rows, total, exact } = await searchIndex(strapi, {
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

    rebuild: (options?: { batchSize?: number }) => rebuildIndex({ strapi, config }, options),

    /** Drops the entries of locales the site no longer has (read now, not remembered), so that one added again starts empty. */
    async forgetRemovedLocales(): Promise<number> {
      const codes = ((await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>).map((locale) => locale.code);
      // i18n keeps the default locale; no list at all is not a site whose entries should all go.
      return codes.length === 0 ? 0 : removeEntriesOutsideLocales({ strapi, config }, codes);
    },
  };
};

export type SearchService = ReturnType<typeof createSearchService>;
