import type { Core } from '@strapi/strapi';

/**
 * GraphQL selections built from the schemas, so that a new field or relation is asked without anyone
 * editing the tests that use them (graphql.test.ts, graphql-read-model.test.ts).
 */
type Attribute = { type: string; private?: boolean; relation?: string; target?: string; component?: string };
type Model = { uid: string; kind?: string; attributes: Record<string, Attribute>; pluginOptions?: { i18n?: { localized?: boolean } } };

const LOADED = new Set(['relation', 'component', 'media', 'dynamiczone']);
const SYSTEM_FIELDS = ['documentId', 'createdAt', 'updatedAt', 'publishedAt'];

const modelOf = (strapi: Core.Strapi, uid: string) => strapi.getModel(uid as never) as unknown as Model;

/** Which fields a selection keeps: every one, or a random part of them. */
export type FieldPick = (name: string) => boolean;
const EVERY_FIELD: FieldPick = () => true;

/**
 * Every field of a model GraphQL shows (or those `pick` keeps): scalars as they are, loaded fields
 * with their own scalars (one level).
 */
export const selectionOf = (strapi: Core.Strapi, model: Model, depth: number, pick: FieldPick = EVERY_FIELD): string => {
  const fields = Object.entries(model.attributes).flatMap(([name, attribute]) => {
    if (attribute.private || attribute.type === 'password' || attribute.type === 'dynamiczone' || !pick(name)) return [];
    if (!LOADED.has(attribute.type)) return [name];
    if (depth > 0) return [];
    if (attribute.type === 'media') return [`${name} { documentId name url width height formats alternativeText caption mime size }`];
    if (attribute.type === 'component' && attribute.component)
      return [`${name} { id ${selectionOf(strapi, modelOf(strapi, attribute.component), 1, pick)} }`];
    if (attribute.relation?.startsWith('morph') || !attribute.target || !strapi.getModel(attribute.target as never)) return [];
    return [
      `${name} { ${[...SYSTEM_FIELDS.filter(pick), 'documentId', selectionOf(strapi, modelOf(strapi, attribute.target), 1, pick)].join(' ')} }`,
    ];
  });
  return fields.join(' ');
};

/** `root` names the type's list query, `one` its single read. */
export type ListQuery = { uid: string; localized: boolean; fields: string; root: string; one: string };

/** A list query of each of the app's collection types with every field it shows (or those `pick` keeps). */
export const listQueries = (strapi: Core.Strapi, pick: FieldPick = EVERY_FIELD): ListQuery[] => {
  const naming = strapi.plugin('graphql').service('utils').naming as Record<string, (model: unknown) => string>;
  return (Object.values(strapi.contentTypes) as unknown as Model[])
    .filter((model) => model.uid.startsWith('api::') && model.kind === 'collectionType')
    .map((model) => ({
      uid: model.uid,
      localized: Boolean(model.pluginOptions?.i18n?.localized),
      fields: `${[...SYSTEM_FIELDS, ...(model.pluginOptions?.i18n?.localized ? ['locale'] : [])].join(' ')} ${selectionOf(strapi, model, 0, pick)}`,
      root: naming.getFindQueryName(model),
      one: naming.getFindOneQueryName(model),
    }));
};
