import type { Core } from '@strapi/strapi';
import type { GraphQLResolveInfo } from 'graphql';
import { knownLocaleQuery } from '../../../../lib/locales/localeQuery';
import { now } from '../../../../lib/clock/clock';
import { PUBLIC_READER, type Filter } from '../../../../lib/visibility/readerAccess';
import { visibilityOf } from '../../../../lib/visibility/visibilityService';
import { loadRelation, relationQuery } from '../strapiInternals';
import { storedFieldValue } from './storedParents';

type Resolve = (parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;
type ResolverMiddleware = (resolve: Resolve, parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;
type Model = {
  uid: string;
  modelType?: string;
  attributes: Record<string, { type: string; relation?: string; target?: string }>;
  pluginOptions?: unknown;
};
type Naming = {
  getTypeName(model: Model): string;
  getComponentName(model: Model): string;
  getFindQueryName(model: Model): string;
  getFindOneQueryName(model: Model): string;
  getFindConnectionQueryName(model: Model): string;
};

const modelOf = (strapi: Core.Strapi, uid: string) => strapi.getModel(uid as never) as unknown as Model | undefined;

/** The GraphQL spelling of a Document Service filter: `$or` → `or`, `$lte` → `lte`. */
export const toGraphqlFilter = (filter: unknown): unknown => {
  if (Array.isArray(filter)) return filter.map(toGraphqlFilter);
  if (!filter || typeof filter !== 'object') return filter;
  return Object.fromEntries(
    Object.entries(filter).map(([key, value]) => [key.startsWith('$') ? key.slice(1) : key, toGraphqlFilter(value)])
  );
};

const isLocalized = (model: Model) => Boolean((model.pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized);

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

/** A relation field asked with no filters, sort or pagination of the client's own (GraphQL sends `sort: []` by default). */
const withoutClientArguments = (args: Record<string, unknown> | undefined): boolean => Object.values(args ?? {}).every(isEmpty);

type RelationField = { holderUid: string; name: string; targetUid: string; toMany: boolean; connection: boolean };

/**
 * Root queries go through the Document Service, where the visibility middleware applies. Relations
 * do not: the GraphQL plugin loads them straight from the database (`strapi.db.query().load`), so
 * each relation field towards a type with a visibility rule gets the same rule.
 *
 * - A relation asked plainly (no `filters`, `sort` or `pagination`, by a reader who cannot read
 *   drafts: nearly every public query) is loaded here, as Strapi's resolver loads it, with the
 *   published and visibility conditions as the database `where`. Passing the rule as a `filters`
 *   argument instead made Strapi validate and sanitize it on every load (1.3 ms each, 50 loads in a
 *   list of 25 with two relations: GraphQL twice as slow as stock; tests/bench/graphql-statements.js).
 * - Otherwise (and on `_connection` fields, whose totals Strapi counts from the arguments) the rule
 *   goes in as a `filters` argument, joined to the client's. Those `filters` and `sort` may not go
 *   through a further relation, nor name a private field, for readers who cannot read drafts (a 400
 *   naming the field): the plugin's loader cannot be given the rewritten form the Document Service gets.
 */
const visibleRelation =
  (strapi: Core.Strapi, field: RelationField): ResolverMiddleware =>
  async (resolve, parent, args, context, info) => {
    const { targetUid } = field;
    const attributes = modelOf(strapi, targetUid)?.attributes;
    const visibility = visibilityOf(strapi);
    const access = visibility.readerAccess();
    const instant = now();
    const filter: Filter | undefined = attributes ? visibility.filterFor(targetUid, attributes, instant, access) : undefined;
    if (!access.canReadDrafts && !field.connection && withoutClientArguments(args)) {
      // A list read from the read model holds its relations as the Public may see them, this rule applied.
      const stored = storedFieldValue(strapi, parent, field.name, args, modelOf(strapi, targetUid), info as GraphQLResolveInfo);
      if (stored) return stored.value;
      const published: Filter = { publishedAt: { $notNull: true } };
      const where = filter ? { $and: [published, filter] } : published;
      const loaded = await loadRelation(strapi, field.holderUid, parent, field.name, relationQuery(strapi, targetUid, where));
      return field.toMany ? (loaded ?? []) : (loaded ?? null);
    }
    if (!access.canReadDrafts) await visibility.checkRelationQuery(targetUid, { filters: args.filters, sort: args.sort }, instant, access);
    if (!filter) return resolve(parent, args, context, info);
    const rule = toGraphqlFilter(filter);
    return resolve(parent, { ...args, filters: args.filters ? { and: [args.filters, rule] } : rule }, context, info);
  };

/**
 * The REST privacy rule for GraphQL (visibility's `privateFields`): Strapi's GraphQL resolvers do
 * not run the Content API output sanitizers that remove such a field on REST, so the field itself
 * answers null unless its document's `publicWhen` field is true. Every row Strapi hands a field
 * resolver is a whole row, `publicWhen` included.
 */
const privateValue =
  (publicWhen: string): ResolverMiddleware =>
  (resolve, parent, args, context, info) =>
    (parent as Record<string, unknown> | null)?.[publicWhen] === true ? resolve(parent, args, context, info) : null;

/** The REST locale rule for GraphQL: an unknown `locale` is a ValidationError naming it, not an empty answer. */
const knownLocale =
  (strapi: Core.Strapi): ResolverMiddleware =>
  async (resolve, parent, args, context, info) => {
    if (args.locale !== undefined && args.locale !== null) await knownLocaleQuery(strapi, { locale: args.locale });
    return resolve(parent, args, context, info);
  };

/** Registers the resolver middlewares; called during `register`, resolved when the schema is built. */
export const registerGraphqlRules = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').use(() => {
    const naming = graphql.service('utils').naming as Naming;
    const models = [...(Object.values(strapi.contentTypes) as Model[]), ...(Object.values(strapi.components) as Model[])];
    const hasRule = (uid?: string) =>
      Boolean(uid && visibilityOf(strapi).filterFor(uid, modelOf(strapi, uid)?.attributes ?? {}, new Date(), PUBLIC_READER));
    const resolversConfig: Record<string, { middlewares: ResolverMiddleware[] }> = {};

    for (const model of models) {
      const isComponent = model.modelType === 'component';
      if (!isComponent && !model.uid.startsWith('api::')) continue;
      const typeName = isComponent ? naming.getComponentName(model) : naming.getTypeName(model);
      for (const [name, attribute] of Object.entries(model.attributes)) {
        if (attribute.type !== 'relation' || attribute.relation?.startsWith('morph') || !hasRule(attribute.target)) continue;
        const field = {
          holderUid: model.uid,
          name,
          targetUid: attribute.target as string,
          toMany: Boolean(attribute.relation?.endsWith('Many')),
        };
        resolversConfig[`${typeName}.${name}`] = { middlewares: [visibleRelation(strapi, { ...field, connection: false })] };
        if (field.toMany)
          resolversConfig[`${typeName}.${name}_connection`] = { middlewares: [visibleRelation(strapi, { ...field, connection: true })] };
      }
      const privacy = isComponent ? undefined : visibilityOf(strapi).privateFieldsOf(model.uid);
      if (privacy)
        for (const name of privacy.fields) resolversConfig[`${typeName}.${name}`] = { middlewares: [privateValue(privacy.publicWhen)] };
      if (!isComponent && isLocalized(model)) {
        const single = (model as { kind?: string }).kind === 'singleType';
        const queries = [
          naming.getFindOneQueryName(model),
          ...(single ? [] : [naming.getFindQueryName(model), naming.getFindConnectionQueryName(model)]),
        ];
        for (const query of queries) resolversConfig[`Query.${query}`] = { middlewares: [knownLocale(strapi)] };
      }
    }
    return { resolversConfig };
  });
};
