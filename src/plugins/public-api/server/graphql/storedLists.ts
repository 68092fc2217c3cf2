import type { Core } from '@strapi/strapi';
import { pagination as strapiPagination } from '@strapi/utils';
import { GraphQLObjectType, defaultFieldResolver, type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { perOperationSetting } from './operationSetting';
import { knownLocaleQuery } from '../../../../lib/locales/localeQuery';
import { storedFilterOf } from '../../../../lib/readModel/storedFilter';
import { storedOrderOf } from '../../../../lib/readModel/storedOrder';
import { storedReadsOf, type StoredDocument } from '../../../../lib/readModel/storedReads';
import { readsAsPublic } from '../../../../lib/visibility/readerAccess';
import { visibilityOf } from '../../../../lib/visibility/visibilityService';
import { entityResponseCollection, rootFieldContentType } from '../strapiInternals';
import { markStored, storedFieldValue } from './storedParents';

type Resolver = GraphQLFieldResolver<unknown, unknown>;
type Context = Parameters<Core.MiddlewareHandler>[0];
type GraphqlContext = { koaContext?: Context };
type Attribute = { type?: string; relation?: string; target?: string; component?: string };
type ContentType = { uid: string; kind?: string; attributes: Record<string, Attribute> };
type Args = Record<string, unknown>;

const ROOT_LIST_ARGS: ReadonlySet<string> = new Set(['locale', 'pagination', 'sort', 'status']);
const PAGE_KEYS = [new Set(['page', 'pageSize']), new Set(['start', 'limit'])];
/** The window Strapi's `transformArgs` cuts for a root list, with the same function and configuration; undefined where it might refuse it. */
const windowOf = (strapi: Core.Strapi, given: unknown): { start: number; limit: number } | undefined => {
  if (given !== undefined && (!given || typeof given !== 'object' || Array.isArray(given))) return undefined;
  const keys = Object.keys(given ?? {});
  if (!PAGE_KEYS.some((allowed) => keys.every((key) => allowed.has(key)))) return undefined;
  const config = strapi.plugin('graphql').config;
  const defaultLimit = config<number>('defaultLimit');
  try {
    const { start, limit } = strapiPagination.withDefaultPagination((given ?? {}) as never, {
      maxLimit: config<number>('maxLimit'),
      defaults: { offset: { limit: defaultLimit }, page: { pageSize: defaultLimit } },
    }) as { start: number; limit: number };
    return Number.isInteger(start) && start >= 0 && Number.isInteger(limit) && limit >= 1 ? { start, limit } : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A root list the read model can answer exactly: the Public, published versions, one known locale, a
 * plain window in an order it keeps, and no filter but a slug's or a kind's.
 */
const storedListRead = async (strapi: Core.Strapi, args: Args, context: GraphqlContext) => {
  const ctx = context.koaContext;
  if (!ctx || !readsAsPublic(visibilityOf(strapi).readerAccess(ctx))) return undefined;
  const filter = args.filters === undefined ? undefined : storedFilterOf(args.filters, 'eq');
  if (args.filters !== undefined && filter === undefined) return undefined;
  if (!Object.entries(args).every(([key, value]) => value === undefined || key === 'filters' || ROOT_LIST_ARGS.has(key))) return undefined;
  if (args.status !== undefined && args.status !== 'published') return undefined;
  const order = storedOrderOf(args.sort);
  const window = windowOf(strapi, args.pagination);
  if (!order || !window) return undefined;
  const locale = await knownLocaleQuery(strapi, { locale: args.locale ?? undefined }).catch(() => undefined);
  return locale && { ctx, locale, order, window, filter };
};

const ROOT_ONE_ARGS: ReadonlySet<string> = new Set(['documentId', 'locale', 'status']);

/** A single read the read model can answer exactly: the Public, the published version, one known locale. */
const storedOneRead = async (strapi: Core.Strapi, args: Args, context: GraphqlContext) => {
  const ctx = context.koaContext;
  if (!ctx || !readsAsPublic(visibilityOf(strapi).readerAccess(ctx))) return undefined;
  if (!Object.entries(args).every(([key, value]) => value === undefined || ROOT_ONE_ARGS.has(key))) return undefined;
  if ((args.status !== undefined && args.status !== 'published') || typeof args.documentId !== 'string') return undefined;
  const locale = await knownLocaleQuery(strapi, { locale: args.locale ?? undefined }).catch(() => undefined);
  return locale && { ctx, locale, documentId: args.documentId };
};

/** The model an object type shows (a content type or a component), by Strapi's naming of its types. */
const modelsByTypeName = (strapi: Core.Strapi): Map<string, ContentType> => {
  const naming = strapi.plugin('graphql').service('utils').naming as {
    getTypeName(model: unknown): string;
    getComponentName(model: unknown): string;
  };
  return new Map([
    ...(Object.values(strapi.contentTypes) as unknown as ContentType[]).map((model) => [naming.getTypeName(model), model] as const),
    ...(Object.values(strapi.components) as unknown as ContentType[]).map((model) => [naming.getComponentName(model), model] as const),
  ]);
};

/** Loaded fields whose stored value is what Strapi's resolver loads: relations to one type, media, components (not dynamic zones or morph relations). */
const servedFromParent = (attribute: Attribute | undefined): boolean =>
  attribute?.type === 'media' ||
  attribute?.type === 'component' ||
  (attribute?.type === 'relation' && !(attribute.relation ?? '').startsWith('morph'));

/**
 * Public GraphQL lists read from the read model: a root list of a served type (`articles(locale:,
 * pagination:, sort: "publishedAt:desc")`), of one kind (`filters: { kind: { eq: } }`), a page's
 * document by its slug (`articles(filters: { slug: { eq: } }, locale:)`) or a single read
 * (`article(documentId:, locale:)`) asked by the Public gets its entries' stored `data`, and the
 * relations, media and components of the default population are read from it instead of loaded
 * again, one statement a list instead of one per field and parent. Anything else (other filters,
 * another sort, a staff or embargo token, a draft, a field the stored data lacks or one given
 * arguments) takes Strapi's resolvers, as do all reads when the model cannot answer exactly. Put in
 * place before Strapi wraps the resolvers, so its auth and policies run around them as before.
 * tests/api/graphql-read-model.test.ts compares both ways on every field of every served type.
 */
export const useStoredLists = (strapi: Core.Strapi, schema: GraphQLSchema): void => {
  if (!strapi.plugin('read-model')) return;
  const readsModel = perOperationSetting(strapi, 'graphqlReadModel', true);
  const naming = strapi.plugin('graphql').service('utils').naming as {
    getFindQueryName(model: unknown): string;
    getFindConnectionQueryName(model: unknown): string;
    getFindOneQueryName(model: unknown): string;
    getEntityResponseCollectionName(model: unknown): string;
  };
  // A connection answered from the model, and what its `pageInfo` counts.
  const storedConnections = new WeakMap<object, { window: { start: number; limit: number }; total: () => Promise<number | undefined> }>();
  // Strapi signs a private provider's media URLs on each load: asked once, at the first stored list.
  let privateMedia: boolean | undefined;
  const knowPrivateMedia = async () => {
    if (privateMedia !== undefined) return;
    const provider = (strapi.plugin('upload') as unknown as { provider?: { isPrivate?: () => unknown } } | undefined)?.provider;
    privateMedia = Boolean(await provider?.isPrivate?.());
  };

  const queryType = schema.getQueryType();
  for (const [fieldName, field] of Object.entries(queryType?.getFields() ?? {})) {
    const contentType = rootFieldContentType(field);
    if (!contentType || contentType.kind !== 'collectionType') continue;
    const original = field.resolve ?? defaultFieldResolver;
    const uid = contentType.uid;
    /** The list's window from the model, and how many versions the whole list holds; undefined when Strapi's resolver answers. */
    const storedWindow = async (args: Args, context: GraphqlContext) => {
      const read = readsModel(context) ? await storedListRead(strapi, args, context) : undefined;
      if (!read) return undefined;
      await knowPrivateMedia();
      const reads = storedReadsOf(strapi);
      if (read.filter?.field !== 'slug') {
        const kind = read.filter?.value;
        const stored = await reads.window(uid, read.locale.requested, read.window, read.order, kind);
        return stored && { stored, window: read.window, total: () => reads.count(uid, read.locale.requested, kind) };
      }
      // The slug's version as the slug route finds it (the model answers only when exactly one holds it).
      const found = await reads.detail(uid, read.ctx, { ...read.locale, fallback: false }, { slug: read.filter.value });
      if (!found) return undefined;
      const matches = 'notFound' in found ? [] : [found.data as StoredDocument];
      const stored = matches.slice(read.window.start, read.window.start + read.window.limit);
      return { stored, window: read.window, total: () => Promise.resolve(matches.length) };
    };
    if (naming.getFindQueryName(contentType) === fieldName) {
      field.resolve = async (parent, args: Args, context: GraphqlContext, info) => {
        const found = await storedWindow(args, context);
        return found ? markStored(found.stored) : original(parent, args, context, info);
      };
    } else if (naming.getFindConnectionQueryName(contentType) === fieldName) {
      // The same window as `nodes`, wrapped as Strapi's connection query wraps it, with the arguments its
      // `pageInfo` resolver reads; that resolver counts from the model below, or as before.
      field.resolve = async (parent, args: Args, context: GraphqlContext, info) => {
        const found = await storedWindow(args, context);
        if (!found) return original(parent, args, context, info);
        const connection = entityResponseCollection(strapi, contentType, args, markStored(found.stored));
        storedConnections.set(connection as object, { window: found.window, total: found.total });
        return connection;
      };
      const collectionType = schema.getType(naming.getEntityResponseCollectionName(contentType));
      const pageInfo = collectionType instanceof GraphQLObjectType ? collectionType.getFields().pageInfo : undefined;
      const countPages = pageInfo?.resolve;
      if (pageInfo && countPages) {
        pageInfo.resolve = async (parent, args: Args, context, info) => {
          const read = storedConnections.get(parent as object);
          const total = read && (await read.total());
          if (!read || total === undefined) return countPages(parent, args, context, info);
          // Strapi's pagination resolver's arithmetic (builders/resolvers/pagination.js), for a limit of at least 1.
          const { start, limit } = read.window;
          return { total, page: Math.floor(start / limit) + 1, pageSize: limit, pageCount: Math.ceil(total / limit) };
        };
      }
    } else if (naming.getFindOneQueryName(contentType) === fieldName) {
      // The detail route's stored answer: its `data` is the entry, or nothing visible (null, as findOne gives).
      field.resolve = async (parent, args: Args, context: GraphqlContext, info) => {
        const read = readsModel(context) ? await storedOneRead(strapi, args, context) : undefined;
        if (read) await knowPrivateMedia();
        const stored = read && (await storedReadsOf(strapi).detail(uid, read.ctx, read.locale, { documentId: read.documentId }));
        if (stored && 'notFound' in stored) return null;
        return stored ? markStored(stored.data) : original(parent, args, context, info);
      };
    }
  }

  const models = modelsByTypeName(strapi);
  for (const [typeName, type] of Object.entries(schema.getTypeMap())) {
    const model = models.get(typeName);
    if (!model || !(type instanceof GraphQLObjectType)) continue;
    for (const [fieldName, field] of Object.entries(type.getFields() as Record<string, GraphQLField<unknown, unknown>>)) {
      const attribute = model.attributes[fieldName];
      if (!field.resolve || !servedFromParent(attribute)) continue;
      const original: Resolver = field.resolve;
      const isMedia = attribute.type === 'media';
      const targetUid = isMedia ? 'plugin::upload.file' : attribute.type === 'component' ? attribute.component : attribute.target;
      const target = targetUid ? (strapi.getModel(targetUid as never) as unknown as ContentType | undefined) : undefined;
      field.resolve = (parent, args: Args, context, info) => {
        // Strapi signs a private provider's media URLs on each load.
        const stored = isMedia && privateMedia !== false ? undefined : storedFieldValue(strapi, parent, fieldName, args, target, info);
        if (stored) return stored.value;
        return original(parent, args, context, info);
      };
    }
  }
};
