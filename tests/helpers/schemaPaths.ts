import type { Core } from '@strapi/strapi';

/**
 * Relation paths derived from the content-type schemas at run time, so that a relation added later
 * is covered by the tests that walk them without anyone editing those tests.
 */
type Attribute = { type: string; target?: string; component?: string; relation?: string; private?: boolean };
type Model = { uid: string; kind?: string; info?: { pluralName?: string; singularName?: string }; attributes: Record<string, Attribute> };

export type RelationPath = {
  /** The public type the query starts from. */
  root: string;
  /** Attribute names from the root (components included), ending on a relation. */
  segments: string[];
  /** The type at the end of the path. */
  target: string;
  /** Relations crossed (components do not count). */
  hops: number;
};

/** The model a relation, component or media field leads into (its target, its component, the upload file); undefined for a value field. */
export const modelBehind = (attribute: { type: string; target?: string; component?: string }): string | undefined =>
  attribute.type === 'relation'
    ? attribute.target
    : attribute.type === 'component'
      ? attribute.component
      : attribute.type === 'media'
        ? 'plugin::upload.file'
        : undefined;

export const modelOf = (strapi: Core.Strapi, uid: string) => strapi.getModel(uid as never) as unknown as Model;

/** Our own content types, as a public reader sees them. */
export const publicTypes = (strapi: Core.Strapi): Model[] =>
  (Object.values(strapi.contentTypes) as unknown as Model[]).filter((type) => type.uid.startsWith('api::'));

const isFollowedRelation = (attribute: Attribute) =>
  attribute.type === 'relation' && Boolean(attribute.target?.startsWith('api::')) && !attribute.relation?.startsWith('morph');

/** Every way out of a model in one relation hop, through components on the way. */
const hops = (strapi: Core.Strapi, uid: string, prefix: string[] = []): Array<{ segments: string[]; target: string }> =>
  Object.entries(modelOf(strapi, uid).attributes).flatMap(([name, attribute]) => {
    if (isFollowedRelation(attribute)) return [{ segments: [...prefix, name], target: attribute.target as string }];
    if (attribute.type === 'component' && attribute.component) return hops(strapi, attribute.component, [...prefix, name]);
    return [];
  });

/** Every relation path of one or two hops from every public type. */
export const relationPaths = (strapi: Core.Strapi, depth = 2): RelationPath[] => {
  const paths: RelationPath[] = [];
  const walk = (root: string, uid: string, segments: string[], left: number) => {
    for (const hop of hops(strapi, uid)) {
      const path = { root, segments: [...segments, ...hop.segments], target: hop.target, hops: depth - left + 1 };
      paths.push(path);
      if (left > 1) walk(root, hop.target, path.segments, left - 1);
    }
  };
  for (const type of publicTypes(strapi)) walk(type.uid, type.uid, [], depth);
  return paths;
};

/** The first plain text field of a type a public reader may filter on: what a probe would spell out. */
/** The fields the visibility plugin keeps private on `uid`, as the running app configures them (`visibility.privateFields`). */
export const isPrivateField =
  (strapi: Core.Strapi) =>
  (uid: string, field: string): boolean =>
    (strapi.config.get<Record<string, { fields: string[] }>>('plugin::visibility.privateFields', {})[uid]?.fields ?? []).includes(field);

export const probeField = (strapi: Core.Strapi, uid: string, isPrivate: (uid: string, field: string) => boolean): string => {
  const entry = Object.entries(modelOf(strapi, uid).attributes).find(
    ([name, attribute]) => attribute.type === 'string' && !attribute.private && !isPrivate(uid, name) && name !== 'locale'
  );
  if (!entry) throw new Error(`${uid} has no string field to probe`);
  return entry[0];
};

/** `['editions', 'articles']`, leaf → `{ editions: { articles: leaf } }`. */
export const nest = (segments: string[], leaf: unknown): Record<string, unknown> =>
  segments.reduceRight<unknown>((inner, segment) => ({ [segment]: inner }), leaf) as Record<string, unknown>;

/** The REST path of a type: its plural name, or its singular name for a single type. */
export const restPathOf = (model: Model): string =>
  (model.kind === 'singleType' ? model.info?.singularName : model.info?.pluralName) as string;
