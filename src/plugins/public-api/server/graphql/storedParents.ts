import type { Core } from '@strapi/strapi';
import { visibilityOf } from '../../../../lib/visibility/visibilityService';
import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionNode } from 'graphql';

/**
 * Objects of a GraphQL answer read from the read model's stored rows (graphql/storedLists.ts). Their
 * loaded fields (relations, media, components of the default population) are already in them, as
 * the Document Service path loads them for the Public, visibility rule included; nested objects join
 * the set as they are handed out.
 */
const fromStoredRows = new WeakSet();

export const markStored = <T>(value: T): T => {
  if (Array.isArray(value)) for (const item of value) markStored(item);
  else if (value && typeof value === 'object') fromStoredRows.add(value);
  return value;
};

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

type Model = { uid: string; attributes: Record<string, { type?: string; private?: boolean }> };

const LOADED_TYPES = new Set(['relation', 'component', 'media', 'dynamiczone']);

/** The field names a selection asks, through inline fragments and named ones. */
const namesIn = (selections: readonly SelectionNode[], fragments: GraphQLResolveInfo['fragments'], names: Set<string>): Set<string> => {
  for (const selection of selections) {
    if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) namesIn(selection.selectionSet.selections, fragments, names);
    else {
      const fragment = fragments[selection.name.value] as FragmentDefinitionNode | undefined;
      if (fragment) namesIn(fragment.selectionSet.selections, fragments, names);
    }
  }
  return names;
};

/** Per field of a query (graphql-js hands every item of a list the same `fieldNodes`): the scalars of `model` it asks. */
const askedScalarsByNodes = new WeakMap<readonly FieldNode[], string[]>();

/**
 * The keys an object of `model` must hold for the query's selection of it to be read from it: each
 * scalar it asks that GraphQL shows (not private). The default population may read a relation's
 * target with a few fields only (`fields`), and the project's privacy rule removes a field on REST:
 * such an object, asked for a field it lacks, is loaded again.
 */
const askedScalarsOf = (strapi: Core.Strapi, info: GraphQLResolveInfo, model: Model): string[] => {
  let keys = askedScalarsByNodes.get(info.fieldNodes);
  if (!keys) {
    const asked = new Set<string>();
    for (const node of info.fieldNodes) if (node.selectionSet) namesIn(node.selectionSet.selections, info.fragments, asked);
    // A field public only when another says so (graphqlRules.ts `privateValue`) reads that other one too.
    const privacy = visibilityOf(strapi).privateFieldsOf(model.uid);
    if (privacy && [...asked].some((name) => privacy.fields.has(name))) asked.add(privacy.publicWhen);
    keys = [...asked].filter((name) => {
      const attribute = model.attributes[name] as { type?: string; private?: boolean } | undefined;
      return attribute !== undefined && !attribute.private && !LOADED_TYPES.has(attribute.type ?? '');
    });
    askedScalarsByNodes.set(info.fieldNodes, keys);
  }
  return keys;
};

const holdsEvery = (value: unknown, keys: readonly string[]): boolean => {
  if (Array.isArray(value)) return value.every((item) => holdsEvery(item, keys));
  if (!value || typeof value !== 'object') return true;
  return keys.every((key) => Object.hasOwn(value, key));
};

/**
 * The stored value of a loaded field, when its parent came from stored rows and holds it, the field
 * is asked with no argument of the client's (Strapi sends `sort: []` and `pagination: {}` then), and
 * each object holds every scalar of its `target` model that the query asks of it. A list longer than
 * GraphQL's default page, which Strapi's load cuts it to, is loaded.
 */
export const storedFieldValue = (
  strapi: Core.Strapi,
  parent: unknown,
  fieldName: string,
  args: Record<string, unknown> | undefined,
  target: Model | undefined,
  info: GraphQLResolveInfo
) => {
  if (!target) return undefined;
  if (!parent || typeof parent !== 'object' || !fromStoredRows.has(parent) || !Object.hasOwn(parent, fieldName)) return undefined;
  if (!Object.values(args ?? {}).every(isEmpty)) return undefined;
  const value = (parent as Record<string, unknown>)[fieldName];
  if (Array.isArray(value) && value.length > strapi.plugin('graphql').config<number>('defaultLimit')) return undefined;
  if (!holdsEvery(value, askedScalarsOf(strapi, info, target))) return undefined;
  return { value: markStored(value) };
};
