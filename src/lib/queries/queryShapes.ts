import type { Core } from '@strapi/strapi';
import { isOperator, isOperatorOfType } from '@strapi/utils';
import { registerDocumentMiddleware } from '../documents/documentMiddleware';
import { validationError } from '../validation/validationError';
import type { Violation } from '../validation/violation';
import { isPlainObject } from '../validation/isPlainObject';
import { nulCharacterViolations } from '../validation/nulCharacters';
import { comparisonValueViolations, ID_TYPE } from './filterValues';

type Attribute = { type: string; target?: string; component?: string };

const READ_ACTIONS: ReadonlySet<string> = new Set(['findMany', 'findFirst', 'findOne', 'count']);
/** Strapi's experimental JSON operator, "only for internal use": SQLite cannot run it, and a text made it a 500 on both databases. */
const INTERNAL_OPERATORS: ReadonlySet<string> = new Set(['$jsonSupersetOf']);

const isValue = (value: unknown): boolean => !Array.isArray(value) && !isPlainObject(value);

const named = (path: string[]) => path.join('.');

/** The model a sort or populate goes on into through this attribute: a relation's target, a component, a media file. */
const modelBehind = (attribute: Attribute | undefined): string | undefined => {
  if (attribute?.type === 'relation') return attribute.target;
  if (attribute?.type === 'component') return attribute.component;
  if (attribute?.type === 'media') return 'plugin::upload.file';
  return undefined;
};

const attributesOf = (strapi: Core.Strapi, uid: string) =>
  (strapi.getModel(uid as never) as { attributes?: Record<string, Attribute> } | undefined)?.attributes;

/** The comparison's operand: a value or a list of values; two for `$between`. */
const operandViolations = (key: string, operand: unknown, path: string[]): Violation[] => {
  const values = Array.isArray(operand) ? (operand as unknown[]) : [operand];
  if (!values.every(isValue))
    return [{ path, message: `${named(path)}: ${key} compares with a value or a list of values, not with an object` }];
  // knex's whereBetween throws a plain Error for any other count.
  if (key === '$between' && values.length !== 2) return [{ path, message: `${named(path)}: $between takes two values, from and to` }];
  return [];
};

const internalOperator = (key: string, path: string[]): Violation => ({
  path,
  message: `${named(path)}: ${key} is not offered to queries`,
});

/** A comparison's operand, then its values for a field of `type` (see filterValues.ts). */
const comparisonViolations = (type: string | undefined, key: string, operand: unknown, path: string[]): Violation[] => {
  const shape = operandViolations(key, operand, path);
  return shape.length > 0 ? shape : comparisonValueViolations(type, key, operand, path);
};

/** The type a name the model does not list stands for: the columns Strapi adds to every model. */
const unlistedType = (key: string): string | undefined => (key === 'id' ? ID_TYPE : key === 'documentId' ? 'string' : undefined);

/** Where the schema cannot say (a name no model has): only the comparisons' operands are checked. */
const operandViolationsAnywhere = (filters: unknown, at: string[]): Violation[] => {
  if (Array.isArray(filters)) return filters.flatMap((item, index) => operandViolationsAnywhere(item, [...at, String(index)]));
  if (!isPlainObject(filters)) return [];
  return Object.entries(filters).flatMap(([key, operand]) => {
    const path = [...at, key];
    if (INTERNAL_OPERATORS.has(key)) return [internalOperator(key, path)];
    if (!isOperatorOfType('where', key) || key === '$not') return operandViolationsAnywhere(operand, path);
    return operandViolations(key, operand, path);
  });
};

/**
 * The condition on a field that holds a value of `type`: comparisons only, `$not` of one, each with
 * its operand; a value or list of them alone is an `$eq` (Strapi's own reading).
 */
const fieldConditionViolations = (type: string | undefined, condition: unknown, at: string[]): Violation[] => {
  if (!isPlainObject(condition)) return comparisonValueViolations(type, '$eq', condition, at);
  return Object.entries(condition).flatMap(([key, operand]) => {
    const path = [...at, key];
    if (key === '$not') return fieldConditionViolations(type, operand, path);
    if (key === '$and' || key === '$or')
      return [{ path, message: `${named(path)}: ${key} combines whole conditions; at a field, use $in, $notIn or $not` }];
    if (INTERNAL_OPERATORS.has(key)) return [internalOperator(key, path)];
    if (!isOperatorOfType('where', key)) return operandViolationsAnywhere(operand, path);
    return comparisonViolations(type, key, operand, path);
  });
};

/**
 * At a relation, component or media field: one comparison of the id behind it, or conditions on the
 * fields of the model behind, not both ("Operator and non-operator keys cannot be mixed", a plain Error).
 */
const mixedKeys = (condition: unknown, path: string[]): Violation[] => {
  if (!isPlainObject(condition)) return [];
  const keys = Object.keys(condition);
  const operators = keys.filter((key) => isOperator(key));
  return operators.length > 0 && operators.length < keys.length
    ? [{ path, message: `${named(path)}: either a comparison of its id (${operators.join(', ')}) or conditions on its fields, not both` }]
    : [];
};

/** Conditions on fields (an object, or a list holding one), as opposed to a value or a list of values. */
const holdsConditions = (operand: unknown): boolean => isPlainObject(operand) || (Array.isArray(operand) && operand.some(isPlainObject));

/**
 * At a relation, component or media field, `$not` given conditions (`filters[seo][$not][metaDescription]`):
 * Strapi 5.54.0 reads them as a column's operators ("Undefined attribute level operator", a plain
 * Error: a 500 on GraphQL, whose filter inputs offer `not` there). Before the field, or inside `$and`
 * or `$or` after it, the same negation runs.
 */
const negatedConditions = (condition: unknown, path: string[]): Violation[] => {
  if (!isPlainObject(condition) || !holdsConditions(condition.$not)) return [];
  const field = path[path.length - 1];
  return [
    {
      path: [...path, '$not'],
      message: `${named([...path, '$not'])}: put $not before ${field} ($not: { ${field}: … }) or inside $and after it`,
    },
  ];
};

/**
 * What Strapi 5.54.0's query engine cannot run in `filters`, walked with the schema of `uid`:
 * - where a query's filter starts (the root of `filters` or of a populated field's `filters`, and the
 *   operands of `$and`, `$or` and `$not` there), a comparison with no field before it (`filters[$eq]=1`:
 *   a plain Error, a 500); after a relation, component or media field a comparison is on its id;
 * - at a field that holds a value, `$and` and `$or` ("Undefined attribute level operator", which
 *   GraphQL, whose filter inputs offer `and` and `or` on every field, answered as an internal error);
 * - a comparison given an object (`[$eq][$eq]=x`, `[$in][0][$eq]=x`): a bound value better-sqlite3
 *   refuses with a TypeError, and PostgreSQL compares as JSON text; `$between` with other than two values;
 * - a value the field's column cannot hold, or a text match on a field that is not text (filterValues.ts),
 *   after a relation, component or media field on the id behind it (`filters[partners][$in][0]=x`);
 * - at such a field, a comparison of the id beside conditions on fields, or `$not` given conditions.
 */
const filterViolations = (strapi: Core.Strapi, uid: string | undefined, filters: unknown, at: string[], atRoot = true): Violation[] => {
  if (uid === undefined) return operandViolationsAnywhere(filters, at);
  if (Array.isArray(filters)) return filters.flatMap((item, index) => filterViolations(strapi, uid, item, [...at, String(index)], atRoot));
  if (!isPlainObject(filters)) return [];
  const attributes = attributesOf(strapi, uid);
  return Object.entries(filters).flatMap(([key, operand]) => {
    const path = [...at, key];
    // After a relation, component or media field, `$not` given a value or list of them compares the id behind it.
    if (key === '$not' && !atRoot && !holdsConditions(operand)) return comparisonViolations(ID_TYPE, key, operand, path);
    if (key === '$and' || key === '$or' || key === '$not') return filterViolations(strapi, uid, operand, path, atRoot);
    if (isOperatorOfType('where', key)) {
      if (atRoot) return [{ path, message: `${named(path)}: name the field ${key} compares` }];
      return INTERNAL_OPERATORS.has(key) ? [internalOperator(key, path)] : comparisonViolations(ID_TYPE, key, operand, path);
    }
    // A name the model does not list is a column Strapi adds (`id`, `documentId`), or one its own check refuses.
    const attribute = attributes?.[key];
    if (!attribute) return fieldConditionViolations(unlistedType(key), operand, path);
    const behind = modelBehind(attribute);
    if (!behind) return fieldConditionViolations(attribute.type, operand, path);
    // `filters[partners]=3`, `filters[partners][0]=3`: the ids behind it.
    if (!holdsConditions(operand)) return comparisonValueViolations(ID_TYPE, '$eq', operand, path);
    return [...mixedKeys(operand, path), ...negatedConditions(operand, path), ...filterViolations(strapi, behind, operand, path, false)];
  });
};

/** `a.b:desc` as the object Strapi makes of it (`{ a: { b: 'desc' } }`), so that a text sort is checked as an object one is. */
const sortObjectOf = (segment: string): unknown => {
  const [path, direction = 'asc'] = segment.split(':');
  return path
    .trim()
    .split('.')
    .reduceRight<unknown>((inner, key) => ({ [key]: inner }), direction.trim());
};

/**
 * A field that holds a value given anything but a direction (`sort[title][a]=asc`): Strapi passes the
 * object on to knex as the direction, a TypeError (a 500). Through relations, components and media,
 * the sort goes on into the model behind. A text sort is read as the object Strapi makes of it: a path
 * on past a value (`title.x`), and `cover.alternativeText:up`, which Strapi's query sanitizer (5.54.0)
 * turns into the path `cover.alternativeText.up` when the direction is not one, were 500s too.
 */
const sortViolations = (strapi: Core.Strapi, uid: string, sort: unknown, at: string[]): Violation[] => {
  if (Array.isArray(sort)) return sort.flatMap((item, index) => sortViolations(strapi, uid, item, [...at, String(index)]));
  if (typeof sort === 'string')
    return sort
      .split(',')
      .filter((segment) => segment.trim() !== '' && sortViolations(strapi, uid, sortObjectOf(segment), at).length > 0)
      .map((segment) => ({
        path: at,
        message: `${named(at)}: "${segment.trim()}" goes on past a field that holds a value (a direction is asc or desc)`,
      }));
  if (!isPlainObject(sort)) return [];
  const attributes = attributesOf(strapi, uid);
  return Object.entries(sort).flatMap(([key, direction]) => {
    const path = [...at, key];
    const attribute = attributes?.[key];
    const behind = modelBehind(attribute);
    if (behind && (isPlainObject(direction) || Array.isArray(direction))) return sortViolations(strapi, behind, direction, path);
    // A value field, a column the model does not list (`id`, `documentId`) or a name Strapi refuses itself: a direction only.
    if (typeof direction === 'string') return [];
    return [{ path, message: `${named(path)}: a direction, asc or desc` }];
  });
};

/** What one populated field's options hold, in the model it populates: filters, sort, deeper populate, dynamic zone fragments. */
const optionViolations = (strapi: Core.Strapi, uid: string | undefined, options: Record<string, unknown>, at: string[]): Violation[] => [
  ...filterViolations(strapi, uid, options.filters, [...at, 'filters']),
  ...(uid ? sortViolations(strapi, uid, options.sort, [...at, 'sort']) : []),
  ...(uid ? populateViolations(strapi, uid, options.populate, [...at, 'populate']) : []),
  ...(isPlainObject(options.on)
    ? Object.entries(options.on).flatMap(([component, fragment]) =>
        isPlainObject(fragment) ? optionViolations(strapi, component, fragment, [...at, 'on', component]) : []
      )
    : []),
];

const populateViolations = (strapi: Core.Strapi, uid: string, populate: unknown, at: string[]): Violation[] => {
  // A list holds field names or paths (`populate[0]=partners.logo`); `populate[0][a]=1` reached code that trims each one.
  if (Array.isArray(populate))
    return populate.flatMap((item, index) =>
      typeof item === 'string' ? [] : [{ path: [...at, String(index)], message: `${named([...at, String(index)])}: a field name` }]
    );
  if (!isPlainObject(populate)) return [];
  const attributes = attributesOf(strapi, uid);
  return Object.entries(populate).flatMap(([name, options]) =>
    isPlainObject(options) ? optionViolations(strapi, modelBehind(attributes?.[name]), options, [...at, name]) : []
  );
};

/** Everything wrong with the shape of a read's parameters, each naming where: `_q`, `filters…`, `sort…`, `populate…`, and a NUL anywhere. */
const queryShapeViolations = (strapi: Core.Strapi, uid: string, params: Record<string, unknown>): Violation[] => [
  ...(params._q !== undefined && typeof params._q !== 'string' ? [{ path: ['_q'], message: '_q: one search text' }] : []),
  ...filterViolations(strapi, uid, params.filters, ['filters']),
  ...sortViolations(strapi, uid, params.sort, ['sort']),
  ...populateViolations(strapi, uid, params.populate, ['populate']),
  ...Object.entries(params).flatMap(([name, value]) => nulCharacterViolations(value, [name])),
];

const registered = new WeakSet<Core.Strapi>();

/**
 * Refuses, with Strapi's 400 naming each place, a read whose parameters have a shape or a value that
 * Strapi's query checks let through and its query engine or database cannot run
 * (tests/api/no-server-errors.test.ts). On every Document Service read: REST, GraphQL and the
 * plugins' own routes reach the database there. Registered once, by whichever plugin registers
 * first, ahead of its own middleware: the visibility plugin reads a client's relation filters
 * itself (its own queries for the ids behind them), so the checks come before it.
 */
export const registerQueryShapeChecks = (strapi: Core.Strapi): void => {
  if (registered.has(strapi)) return;
  registered.add(strapi);
  registerDocumentMiddleware(strapi, async (context, next) => {
    if (READ_ACTIONS.has(context.action)) {
      const violations = queryShapeViolations(strapi, context.uid, context.params);
      if (violations.length > 0) throw validationError(violations);
    }
    return next();
  });
};
