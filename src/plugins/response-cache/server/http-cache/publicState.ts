import type { Core, UID } from '@strapi/strapi';

/** A published document as a purge names it: its type, id, locale and slug (when the type has one). */
export type PublicDocument = { uid: string; documentId: string; locale?: string | null; slug?: string | null };

/** One locale of a published document: its own address and the documents its answers and pages show. */
export type PublicState = PublicDocument & { related: PublicDocument[] };

type Attribute = { type: string; target?: string; component?: string; components?: string[] };
type Attributes = Record<string, Attribute>;
type Row = { documentId: string; locale?: string | null; slug?: string | null; [relation: string]: unknown };

/**
 * A relation to one of the project's own types, reached from a type through its attributes: `path`
 * is the relation attribute itself, or the component attributes that lead to it, then the relation.
 */
export type RelationPath = { path: string[]; target: string };

/** Components hold components only this deep (the admin allows a few levels); a cycle stops here too. */
const COMPONENT_DEPTH = 3;

/**
 * Pure: the relations to `api::` types a schema reaches, directly or through its components,
 * repeatable or not, nested up to `COMPONENT_DEPTH`. Dynamic zones are not followed: the query
 * engine neither populates nor filters through them by attribute path (Strapi 5.54.0), and the
 * project's schemas have none.
 */
export const relationPathsOf = (
  attributes: Attributes,
  componentAttributes: (uid: string) => Attributes,
  depth = COMPONENT_DEPTH
): RelationPath[] =>
  Object.entries(attributes).flatMap(([name, attribute]): RelationPath[] => {
    if (attribute.type === 'relation' && attribute.target?.startsWith('api::')) return [{ path: [name], target: attribute.target }];
    if (attribute.type === 'component' && attribute.component && depth > 0)
      return relationPathsOf(componentAttributes(attribute.component), componentAttributes, depth - 1).map(({ path, target }) => ({
        path: [name, ...path],
        target,
      }));
    return [];
  });

/** Pure: a `populate` of the query engine that loads every path, ending with `leaf(target)` (merged by prefix). */
export const populateOf = (paths: RelationPath[], leaf: (target: string) => object): Record<string, object> => {
  const populate: Record<string, { populate?: Record<string, object> }> = {};
  for (const { path, target } of paths) {
    let level = populate;
    path.forEach((name, index) => {
      if (index === path.length - 1) level[name] = leaf(target);
      else {
        const node = (level[name] ??= { populate: {} });
        level = node.populate ??= {};
      }
    });
  }
  return populate;
};

/** Pure: the rows a path reaches in a populated row, through single and repeatable components alike. */
export const valuesAt = (row: unknown, path: string[]): Row[] => {
  const [name, ...rest] = path;
  const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value ? [value] : []);
  if (name === undefined) return asList(row) as Row[];
  return asList(row).flatMap((item) => valuesAt((item as Record<string, unknown>)[name], rest));
};

/** Pure: a `where` of the query engine that follows a path, components included, to `condition`. */
export const whereAt = (path: string[], condition: object): object =>
  path.reduceRight<object>((inner, name) => ({ [name]: inner }), condition);

const attributesOf = (strapi: Core.Strapi, uid: string): Attributes => strapi.getModel(uid as UID.ContentType).attributes;

const componentAttributesOf =
  (strapi: Core.Strapi) =>
  (uid: string): Attributes =>
    strapi.components[uid as UID.Component]?.attributes ?? {};

const hasSlug = (strapi: Core.Strapi, uid: string): boolean => attributesOf(strapi, uid).slug?.type === 'uid';

/** The relations to the project's own types, owning or mapped, direct or inside the type's components. */
const relationPaths = (strapi: Core.Strapi, uid: string): RelationPath[] =>
  relationPathsOf(attributesOf(strapi, uid), componentAttributesOf(strapi));

const addressFields = (strapi: Core.Strapi, uid: string): string[] => ['documentId', 'locale', ...(hasSlug(strapi, uid) ? ['slug'] : [])];

const asDocument = (uid: string, row: Row): PublicDocument => ({ uid, documentId: row.documentId, locale: row.locale, slug: row.slug });

/**
 * The published documents, of any `api::` type, whose components relate to the document: a
 * relation in a component has no inverse attribute, so the document's own populate cannot see them
 * (a workshop's host, a partner's role in an edition). Direct relations are found from the document's
 * side already when both sides are declared.
 */
const publicOwnersThroughComponents = async (strapi: Core.Strapi, uid: string, documentId: string): Promise<PublicDocument[]> => {
  const owners = Object.keys(strapi.contentTypes).filter((owner) => owner.startsWith('api::'));
  const found = await Promise.all(
    owners.flatMap((owner) =>
      relationPaths(strapi, owner)
        .filter(({ path, target }) => path.length > 1 && target === uid)
        .map(async ({ path }) => {
          const rows = (await strapi.db.query(owner).findMany({
            select: addressFields(strapi, owner),
            where: { publishedAt: { $notNull: true }, ...whereAt(path, { documentId }) },
          })) as Row[];
          return rows.map((row) => asDocument(owner, row));
        })
    )
  );
  return found.flat();
};

/**
 * The published versions of a document, in every locale, with the documents they relate to: what
 * its public answers and the site's pages showed (before a write) or show (after it), through its
 * own relations, its components' relations and other documents' components that show it. A relation
 * of a published version links published versions (Strapi 5), so the related pages are public ones too.
 */
export const readPublicStates = async (strapi: Core.Strapi, uid: string, documentId: string): Promise<PublicState[]> => {
  const paths = relationPaths(strapi, uid);
  const rows = (await strapi.db.query(uid).findMany({
    select: addressFields(strapi, uid),
    where: { documentId, publishedAt: { $notNull: true } },
    populate: populateOf(paths, (target) => ({ select: addressFields(strapi, target) })),
  })) as Row[];
  if (rows.length === 0) return [];
  const owners = await publicOwnersThroughComponents(strapi, uid, documentId);
  return rows.map((row) => ({
    ...asDocument(uid, row),
    related: [...paths.flatMap(({ path, target }) => valuesAt(row, path).map((related) => asDocument(target, related))), ...owners],
  }));
};
