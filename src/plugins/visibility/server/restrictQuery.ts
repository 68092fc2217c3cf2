import { errors } from '@strapi/utils';
import type { Filter } from './visibilityRules';
import { normalizePopulate } from './visibilityPopulate';
import { isRecord } from '../../../lib/validation/isRecord';

type Attribute = { type: string; target?: string; component?: string; relation?: string };
type Attributes = Record<string, Attribute>;

export type QueryRules = {
  attributesOf: (uid: string) => Attributes | undefined;
  /** The visibility condition on a type for this reader, without the published condition. */
  filterFor: (uid: string) => Filter | undefined;
  /**
   * Row ids of `uid` matching a database `where` (content types and components alike). Without it,
   * a relation branch is refused instead (where the query cannot be rewritten, as in GraphQL's
   * relation fields).
   */
  findIds?: (uid: string, where: Filter) => Promise<Array<number | string>>;
  isPrivate: (uid: string, field: string) => boolean;
  /** True for the types that carry a visibility rule (the configured ones, never Strapi's or media). */
  restricts: (uid: string) => boolean;
};

const GROUPS = new Set(['$and', '$or']);
/** GraphQL spells the logical operators without `$`. */
const LOGICAL = new Set(['$and', '$or', '$not', 'and', 'or', 'not']);
const isTrue = (value: unknown) => value === true || value === 'true' || value === 1 || value === '1';

/** The relations whose targets carry a visibility rule. */
const restrictedTarget = (attribute: Attribute | undefined, rules: QueryRules): string | undefined =>
  attribute?.type === 'relation' && attribute.target && rules.restricts(attribute.target) && !attribute.relation?.startsWith('morph')
    ? attribute.target
    : undefined;

const refusal = (path: string[], message: string) =>
  new errors.ValidationError(`${path.join('.')}: ${message}`, {
    errors: [{ path, message, name: 'ValidationError' }],
  });

const and = (parts: Filter[]): Filter => (parts.length === 1 ? parts[0] : { $and: parts });

/**
 * Rewrites a client's `filters` so that every branch through a relation, at any depth, inside
 * `$and` / `$or` / `$not`, through components and `localizations`, only matches documents the
 * reader may see. A relation branch becomes a condition on the row that holds the relation (its id
 * among those linked to a visible match), never a condition on a joined row: on a LEFT JOIN, a row
 * hidden by a condition and a missing row differ under `$not` (NULL logic), which would still tell
 * a linked hidden document from none. Filters on private fields are refused (400 naming the path).
 */
export const restrictFilters = async (filters: unknown, uid: string, rules: QueryRules, path: string[] = ['filters']): Promise<unknown> => {
  if (Array.isArray(filters)) return Promise.all(filters.map((item, index) => restrictFilters(item, uid, rules, [...path, String(index)])));
  if (!isRecord(filters)) return filters;
  const attributes = rules.attributesOf(uid) ?? {};
  const parts: Filter[] = [];
  for (const [key, value] of Object.entries(filters)) {
    const at = [...path, key];
    if (LOGICAL.has(key) && !(key in attributes)) {
      parts.push({ [key]: await restrictFilters(value, uid, rules, at) });
      continue;
    }
    const attribute = attributes[key];
    if (rules.isPrivate(uid, key)) throw refusal(at, 'this field cannot be filtered on');
    const target = restrictedTarget(attribute, rules);
    if (target) {
      parts.push(await restrictRelationBranch(uid, key, target, value, rules, at));
    } else if (attribute?.type === 'component' && attribute.component) {
      parts.push({ [key]: await restrictFilters(value, attribute.component, rules, at) });
    } else {
      parts.push({ [key]: value });
    }
  }
  return parts.length === 0 ? filters : and(parts);
};

/** `{ editions: X }` on `uid` → `{ id: { $in: rows of uid linked to a visible edition matching X } }`. */
const restrictRelationBranch = async (
  uid: string,
  key: string,
  target: string,
  value: unknown,
  rules: QueryRules,
  path: string[]
): Promise<Filter> => {
  const { findIds } = rules;
  if (!findIds) throw refusal(path, 'filtering through this relation is not available here');
  const visibleTargets = async (where: unknown) =>
    findIds(
      target,
      and([where as Filter, { publishedAt: { $notNull: true } }, ...[rules.filterFor(target)].filter((f): f is Filter => Boolean(f))])
    );
  const holders = async (targetIds: Array<number | string>) => findIds(uid, { [key]: { id: { $in: targetIds } } });

  if (isRecord(value)) {
    const keys = Object.keys(value);
    // `{ editions: { $null: true } }`: no visible edition linked (a hidden one counts as none).
    if (keys.length === 1 && (keys[0] === '$null' || keys[0] === '$notNull')) {
      const linked = await holders(await visibleTargets({}));
      const wantsNone = keys[0] === '$null' ? isTrue(value[keys[0]]) : !isTrue(value[keys[0]]);
      return wantsNone ? { $not: { id: { $in: linked } } } : { id: { $in: linked } };
    }
    // Operators straight on a relation compare its id, as Strapi's query engine does.
    const onId = keys.length > 0 && keys.every((k) => k.startsWith('$') && !GROUPS.has(k) && k !== '$not');
    const where = onId ? { id: value } : await restrictFilters(value, target, rules, path);
    return { id: { $in: await holders(await visibleTargets(where)) } };
  }
  return { id: { $in: await holders(await visibleTargets({ id: value })) } };
};

type SortKey = { path: string[] };

/** `'a.b:asc,c'`, `['a:desc']`, `{ a: 'asc' }`, `{ a: { b: 'desc' } }` and arrays of those, as field paths. */
const sortPaths = (sort: unknown): SortKey[] => {
  if (typeof sort === 'string') {
    return sort
      .split(',')
      .map((part) => part.trim().split(':')[0])
      .filter(Boolean)
      .map((field) => ({ path: field.split('.') }));
  }
  if (Array.isArray(sort)) return sort.flatMap(sortPaths);
  if (isRecord(sort)) {
    return Object.entries(sort).flatMap(([key, value]) =>
      isRecord(value) ? sortPaths(value).map((nested) => ({ path: [key, ...nested.path] })) : [{ path: [key] }]
    );
  }
  return [];
};

/**
 * A sort through a relation to a type with a visibility rule would order by hidden documents too,
 * and Strapi cannot restrict the joined rows of a sort: refused for such readers, whether or not a
 * hidden document exists. Sorting on a private field is refused as well.
 */
export const checkSort = (sort: unknown, uid: string, rules: QueryRules, at: string[] = ['sort']): void => {
  for (const { path } of sortPaths(sort)) {
    let model = uid;
    for (const [index, field] of path.entries()) {
      const named = [...at, ...path.slice(0, index + 1)];
      if (rules.isPrivate(model, field)) throw refusal(named, 'this field cannot be sorted on');
      const attribute = rules.attributesOf(model)?.[field];
      const target = restrictedTarget(attribute, rules);
      if (target && rules.filterFor(target)) throw refusal(named, 'sorting through this relation is not allowed');
      if (attribute?.type === 'component' && attribute.component) model = attribute.component;
      else if (attribute?.type === 'relation' && attribute.target) model = attribute.target;
      else break;
    }
  }
};

/** Populate's own `filters` and `sort`, at every depth, get the same treatment as the root's. */
export const restrictPopulate = async (
  populate: unknown,
  uid: string,
  rules: QueryRules,
  path: string[] = ['populate']
): Promise<unknown> => {
  const attributes = rules.attributesOf(uid);
  if (!attributes) return populate;
  const tree = normalizePopulate(populate, attributes);
  if (!tree) return populate;
  const restricted: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(tree)) {
    const attribute = attributes[name];
    const model = attribute?.type === 'component' ? attribute.component : attribute?.type === 'relation' ? attribute.target : undefined;
    if (!model || !isRecord(value)) {
      restricted[name] = value;
      continue;
    }
    const options: Record<string, unknown> = { ...value };
    const at = [...path, name];
    if (options.filters !== undefined) options.filters = await restrictFilters(options.filters, model, rules, [...at, 'filters']);
    if (options.sort !== undefined) checkSort(options.sort, model, rules, [...at, 'sort']);
    if (options.populate !== undefined) options.populate = await restrictPopulate(options.populate, model, rules, [...at, 'populate']);
    restricted[name] = options;
  }
  return restricted;
};
