import type { Filter } from './visibilityRules';

type Attribute = { type: string; target?: string; component?: string; components?: string[]; relation?: string };
export type ModelAttributes = (uid: string) => Record<string, Attribute> | undefined;
export type FilterFor = (targetUid: string) => Filter | undefined;

type PopulateObject = Record<string, unknown>;

const isPopulatable = (attribute: Attribute) => ['relation', 'media', 'component', 'dynamiczone'].includes(attribute.type);

/** `'*'`, `'a,b.c'`, `['a', 'b.c']` and `{ a: true }` all become the object form, which can carry filters. */
export const normalizePopulate = (populate: unknown, attributes: Record<string, Attribute>): PopulateObject | undefined => {
  if (populate === undefined || populate === null || populate === false) return undefined;
  if (populate === '*' || populate === true) {
    return Object.fromEntries(
      Object.entries(attributes)
        .filter(([, a]) => isPopulatable(a))
        .map(([name]) => [name, true])
    );
  }
  // A list item that is not a name (`populate[0][a]=1`) is refused before this runs (src/lib/queries/queryShapes.ts).
  const paths =
    typeof populate === 'string'
      ? populate.split(',')
      : Array.isArray(populate)
        ? populate.filter((item): item is string => typeof item === 'string')
        : undefined;
  if (paths) {
    const tree: PopulateObject = {};
    for (const path of paths.map((p) => p.trim()).filter(Boolean)) {
      if (path === '*') Object.assign(tree, normalizePopulate('*', attributes));
      const [head, ...rest] = path.split('.');
      if (head === '*') continue;
      const existing = tree[head] as PopulateObject | true | undefined;
      if (rest.length === 0) {
        tree[head] = existing ?? true;
      } else {
        const nested = existing && existing !== true ? ((existing.populate as string[]) ?? []) : [];
        tree[head] = { populate: [...(Array.isArray(nested) ? nested : []), rest.join('.')] };
      }
    }
    return tree;
  }
  if (typeof populate === 'object') return populate as PopulateObject;
  return undefined;
};

const withFilter = (existing: unknown, filter: Filter): Filter => (existing ? { $and: [existing, filter] } : filter);

/**
 * Adds the visibility filter to every populated relation, at any depth and inside components, so a
 * document hidden from this reader is not revealed through another document that links to it.
 */
export const addVisibilityToPopulate = (
  populate: unknown,
  uid: string,
  modelAttributes: ModelAttributes,
  filterFor: FilterFor
): unknown => {
  const attributes = modelAttributes(uid);
  if (!attributes) return populate;
  const tree = normalizePopulate(populate, attributes);
  if (!tree) return populate;

  return Object.fromEntries(
    Object.entries(tree).map(([name, value]) => {
      const attribute = attributes[name];
      if (!attribute || value === false) return [name, value];
      const options: PopulateObject = value === true || typeof value !== 'object' ? {} : { ...(value as PopulateObject) };

      if (attribute.type === 'relation' && attribute.target && !attribute.relation?.startsWith('morph')) {
        const filter = filterFor(attribute.target);
        if (filter) options.filters = withFilter(options.filters, filter);
        if (options.populate !== undefined)
          options.populate = addVisibilityToPopulate(options.populate, attribute.target, modelAttributes, filterFor);
      } else if (attribute.type === 'component' && attribute.component && options.populate !== undefined) {
        // A component's own relations (a workshop's host) need the rule too.
        options.populate = addVisibilityToPopulate(options.populate, attribute.component, modelAttributes, filterFor);
      } else {
        return [name, value];
      }
      return [name, Object.keys(options).length > 0 ? options : true];
    })
  );
};
