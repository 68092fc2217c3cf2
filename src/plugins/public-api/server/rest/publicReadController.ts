import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { knownLocaleQuery, localeMeta, type LocaleQuery } from '../../../../lib/locales/localeQuery';
import { fallbackPage } from './fallbackPage';
import { pageWindow } from '../../../../lib/lists/pageWindow';
import { documentMeta } from '../../../../lib/site/documentMeta';
import { siteTypeOf } from '../../../../lib/site/siteUrls';
import { withDefaultPopulate } from './defaultPopulate';
import { fullPopulateOf } from '../../../../lib/population/populationState';
import { limitPopulateDepth } from './populateLimits';
import { visibilityOf } from '../../../../lib/visibility/visibilityService';
import { storedReadsOf, type DetailLookup } from '../../../../lib/readModel/storedReads';
import { inSchemaOrder } from '../../../../lib/output/schemaOrder';
import { SLUG_PATTERN } from '../../../../lib/site/slugPattern';

type Query = Record<string, unknown>;
type Entity = Record<string, unknown> & { documentId?: string; slug?: string | null; locale?: string };
type Context = Parameters<Core.MiddlewareHandler>[0];

/** The helpers Strapi's core controller gives `this`; only what these actions use. */
type CoreController = {
  validateQuery(ctx: Context): Promise<void>;
  sanitizeQuery(ctx: Context): Promise<Query>;
  sanitizeOutput(data: unknown, ctx: Context): Promise<unknown>;
  transformResponse(data: unknown, meta?: Record<string, unknown>): unknown;
};

type LooseDocuments = {
  findMany(params: Query): Promise<Entity[]>;
  findFirst(params: Query): Promise<Entity | null>;
  findOne(params: Query): Promise<Entity | null>;
};

/** Only staff integrations may read drafts; Strapi's own default for reads is the published version. */
const statusOf = (query: Query) => (query.status === 'draft' ? 'draft' : 'published');

/**
 * The status of what is served: `status=draft` from a reader who may not read drafts is served the
 * published version (the visibility middleware sees to it), so alternates and JSON-LD follow that.
 */
const servedStatus = (strapi: Core.Strapi, query: Query, ctx: Context) =>
  statusOf(query) === 'draft' && visibilityOf(strapi).readerAccess(ctx).canReadDrafts ? 'draft' : 'published';

/**
 * Reads for sites and journalists, on Strapi's response shape (`{ data, meta }`), adding what the
 * core lacks: locale validation and opt-in fallback, slug lookup, alternates and JSON-LD. Visibility
 * (drafts, embargo, schedule) is not decided here: every read below passes the Document Service,
 * whose middleware adds it.
 */
export const publicReadActions = (strapi: Core.Strapi, uid: UID.ContentType) => {
  const documents = () => strapi.documents(uid) as unknown as LooseDocuments;
  /** The controller's output sanitizers, then one key order for a document alone or in a list. */
  const sanitized = async (controller: CoreController, data: unknown, ctx: Context) =>
    inSchemaOrder(strapi, uid, await controller.sanitizeOutput(data, ctx));

  const detailMeta = async (ctx: Context, entity: Entity, served: string, requested: string, status: string) => ({
    locale: localeMeta(requested, served),
    ...(await documentMeta(strapi, uid, entity, {
      served,
      status,
      mediaBaseUrl: strapi.config.get<string>('server.url') || ctx.request.origin,
    })),
  });

  /** Reads one document in the requested locale, or in the default locale when fallback is on. */
  const readWithFallback = async (locale: LocaleQuery, read: (locale: string) => Promise<Entity | null>) => {
    const entity = await read(locale.requested);
    if (entity || !locale.fallback || locale.requested === locale.defaultLocale) return { entity, served: locale.requested };
    return { entity: await read(locale.defaultLocale), served: locale.defaultLocale };
  };

  /** Our bound on population depth and Strapi's own query checks, then the type's default population. */
  const readQuery = async (controller: CoreController, ctx: Context) => {
    limitPopulateDepth(strapi, ctx);
    await controller.validateQuery(ctx);
    return withDefaultPopulate(await controller.sanitizeQuery(ctx), ctx);
  };

  const respondWithDocument = async (
    controller: CoreController,
    ctx: Context,
    locale: LocaleQuery,
    status: string,
    read: (locale: string) => Promise<Entity | null>,
    notFound: string
  ) => {
    const { entity, served } = await readWithFallback(locale, read);
    if (!entity) throw new errors.NotFoundError(notFound);
    const data = (await sanitized(controller, entity, ctx)) as Entity;
    // `meta.url` and the JSON-LD describe the whole document, not the client's `fields`/`populate` choice.
    const narrowed = ctx.query.fields !== undefined || ctx.query.populate !== undefined;
    const whole =
      narrowed && entity.documentId
        ? ((await documents().findOne({ documentId: entity.documentId, locale: served, status, populate: fullPopulateOf(ctx) ?? '*' })) ??
          entity)
        : entity;
    const described = whole === entity ? data : ((await sanitized(controller, whole, ctx)) as Entity);
    return controller.transformResponse(data, await detailMeta(ctx, described, served, locale.requested, status));
  };

  /**
   * The stored answer of the read model (src/plugins/read-model), when it can give exactly what the
   * Document Service path below would; undefined sends the request down that path.
   */
  const readFromModel = async (ctx: Context, locale: LocaleQuery, lookup: DetailLookup, notFound: string) => {
    const stored = await storedReadsOf(strapi).detail(uid, ctx, locale, lookup);
    if (stored && 'notFound' in stored) throw new errors.NotFoundError(notFound);
    return stored;
  };

  /** A single type's one document, in the requested locale or its fallback. */
  const findSingleType = (controller: CoreController, ctx: Context, locale: LocaleQuery, query: Query) => {
    const status = servedStatus(strapi, query, ctx);
    return respondWithDocument(
      controller,
      ctx,
      locale,
      status,
      (code) => documents().findFirst({ ...query, locale: code, status }),
      'Not Found'
    );
  };

  /** One page of one locale: from the read model when it can give exactly what Strapi's own list gives, else that list. */
  const findPage = async (controller: CoreController, ctx: Context, locale: LocaleQuery, query: Query) => {
    const stored = await storedReadsOf(strapi).list(uid, ctx, locale, query.pagination);
    if (stored) return stored;
    const { results, pagination } = (await strapi.service(uid).find({ ...query, locale: locale.requested })) as {
      results: unknown[];
      pagination: unknown;
    };
    const data = await sanitized(controller, results, ctx);
    return controller.transformResponse(data, { pagination, locale: localeMeta(locale.requested, locale.requested) });
  };

  /** Loads just the chosen entries of a fallback page in full, locale by locale, keyed `locale:documentId`. */
  const loadEntries = async (query: Query, status: string, entries: Array<{ locale: string; documentId: string }>) => {
    const byLocale = new Map<string, string[]>();
    for (const entry of entries) byLocale.set(entry.locale, [...(byLocale.get(entry.locale) ?? []), entry.documentId]);
    const loaded = new Map<string, Entity>();
    for (const [code, documentIds] of byLocale) {
      const rows = await documents().findMany({
        populate: query.populate,
        fields: query.fields,
        status,
        locale: code,
        filters: { documentId: { $in: documentIds } },
      });
      for (const row of rows) loaded.set(`${code}:${row.documentId}`, row);
    }
    return loaded;
  };

  /** A page over the requested locale and the default one: the database chooses the page, then just that page is loaded. */
  const findFallbackPage = async (controller: CoreController, ctx: Context, locale: LocaleQuery, query: Query) => {
    const stored = await storedReadsOf(strapi).fallbackList(uid, ctx, locale, query.pagination);
    if (stored) return stored;
    const window = pageWindow(query.pagination, strapi.config.get<{ defaultLimit?: number; maxLimit?: number }>('api.rest'));
    const selection = { filters: query.filters, status: statusOf(query) };
    const { entries, total } = await fallbackPage(strapi, uid, {
      ...selection,
      sort: query.sort,
      requestedLocale: locale.requested,
      defaultLocale: locale.defaultLocale,
      window,
    });
    const loaded = await loadEntries(query, selection.status, entries);
    const page = entries.map((entry) => loaded.get(`${entry.locale}:${entry.documentId}`)).filter(Boolean);
    const data = await sanitized(controller, page, ctx);
    const fallbackDocuments = entries.filter((entry) => entry.locale !== locale.requested).map((entry) => entry.documentId);
    return controller.transformResponse(data, {
      pagination: window.pagination(total),
      locale: { ...localeMeta(locale.requested, locale.requested), fallback: fallbackDocuments.length > 0, fallbackDocuments },
    });
  };

  return {
    async find(this: CoreController, ctx: Context) {
      const locale = await knownLocaleQuery(strapi, ctx.query);
      const query = await readQuery(this, ctx);
      if (strapi.getModel(uid).kind === 'singleType') return findSingleType(this, ctx, locale, query);
      if (!locale.fallback || locale.requested === locale.defaultLocale) return findPage(this, ctx, locale, query);
      return findFallbackPage(this, ctx, locale, query);
    },

    async findOne(this: CoreController, ctx: Context) {
      const locale = await knownLocaleQuery(strapi, ctx.query);
      const query = await readQuery(this, ctx);
      const documentId = String(ctx.params.id);
      const stored = await readFromModel(ctx, locale, { documentId }, 'Not Found');
      if (stored) return stored;
      const status = servedStatus(strapi, query, ctx);
      return respondWithDocument(
        this,
        ctx,
        locale,
        status,
        (code) => documents().findOne({ ...query, documentId, locale: code, status }),
        'Not Found'
      );
    },

    async findBySlug(this: CoreController, ctx: Context) {
      const locale = await knownLocaleQuery(strapi, ctx.query);
      const slug = String(ctx.params.slug);
      if (!SLUG_PATTERN.test(slug)) {
        throw new errors.ValidationError(`slug: "${slug}" is not a valid slug`, {
          errors: [{ path: ['slug'], message: 'Only letters, digits and - _ . ~ are allowed', name: 'ValidationError' }],
        });
      }
      const query = await readQuery(this, ctx);
      const notFound = `No ${siteTypeOf(uid)} with slug "${slug}" in locale "${locale.requested}"`;
      const stored = await readFromModel(ctx, locale, { slug }, notFound);
      if (stored) return stored;
      const status = servedStatus(strapi, query, ctx);
      const filters = query.filters ? { $and: [query.filters, { slug }] } : { slug };
      return respondWithDocument(
        this,
        ctx,
        locale,
        status,
        (code) => documents().findFirst({ ...query, filters, locale: code, status }),
        notFound
      );
    },
  };
};
