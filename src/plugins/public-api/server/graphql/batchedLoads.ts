import type { Core } from '@strapi/strapi';
import { currentRequest } from '../../../../lib/requests/currentRequest';
import { inTransaction, storedAttributeOf, wrapEntityLoad, type EntityLoad, type StoredAttribute } from '../strapiInternals';

type LoadQuery = Record<string, unknown>;
type Parent = { id: unknown };
type Waiting = { parent: Parent; resolve: (value: unknown) => void; reject: (error: unknown) => void };
/** `given` is the query as the resolver passed it, `query` the same read as an object. */
type Batch = { uid: string; field: string; given: unknown; query: LoadQuery; shape: Shape; waiting: Waiting[] };

/** `one`: at most one row per parent; `many`: a list in its join table's order. */
type Shape = 'one' | 'many';

const TO_ONE = new Set(['oneToOne', 'manyToOne', 'morphOne']);
const TO_MANY_JOINED = new Set(['oneToMany', 'manyToMany']);

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && Object.keys(value).length === 0);

/** A list's order when nothing else sorts it: its join table's order column, or the morph join table's (media). */
const hasStoredOrder = (strapi: Core.Strapi, attribute: StoredAttribute): boolean => {
  if (attribute.relation === 'morphMany') {
    const owner = attribute.target && attribute.morphBy ? storedAttributeOf(strapi, attribute.target, attribute.morphBy) : undefined;
    return !isEmpty(owner?.joinTable?.orderBy);
  }
  return TO_MANY_JOINED.has(attribute.relation ?? '') && !isEmpty(attribute.joinTable?.orderBy);
};

/**
 * How a load of `field` with `query` may be read together with its siblings, or undefined when it
 * may not. Only loads whose answer for each parent does not depend on the other parents:
 * - no `count`, no offset (a page past the first is cut per parent, which one statement cannot do);
 * - no explicit sort: ties of a sort column may come back in another order when the statement reads
 *   several parents' rows, while a join table's order column orders each parent's list alone;
 * - a relation to one type (polymorphic `morphTo*` relations are left alone), and for a list one
 *   kept in order by its join table.
 */
const shapeOf = (strapi: Core.Strapi, uid: string, field: string, query: LoadQuery): Shape | undefined => {
  const attribute = storedAttributeOf(strapi, uid, field);
  if (attribute?.type !== 'relation' || !attribute.relation) return undefined;
  if (query.count !== undefined || !isEmpty(query.orderBy) || !isEmpty(query.sort) || !isEmpty(query.ordering)) return undefined;
  if (Number(query.offset ?? query.start ?? 0) !== 0) return undefined;
  if (query.limit !== undefined && !(Number.isInteger(query.limit) && Number(query.limit) >= 1)) return undefined;
  if (TO_ONE.has(attribute.relation)) return 'one';
  return hasStoredOrder(strapi, attribute) ? 'many' : undefined;
};

/**
 * One statement for every parent waiting on the same field and query: what `load` runs for one
 * parent (`findOne` of its id with the field populated), as a `findMany` of their ids. A list's page
 * size (`limit`) becomes the statement's limit times the number of parents, then each parent's list
 * is cut to it, so the statement reads no more rows than the loads it replaces. When that bound is
 * reached a parent may have been cut short, and each parent is then loaded on its own as before.
 */
const loadTogether = async (strapi: Core.Strapi, original: EntityLoad, batch: Batch): Promise<void> => {
  const { uid, field, given, query, shape, waiting } = batch;
  const ids = [...new Set(waiting.map(({ parent }) => parent.id))];
  const limit = query.limit === undefined ? undefined : Number(query.limit);
  const { limit: _pageSize, ...rest } = query;
  const populated = shape === 'many' && limit !== undefined ? { ...rest, limit: limit * ids.length } : rest;
  const rows = (await strapi.db.query(uid).findMany({
    select: ['id'],
    where: { id: { $in: ids } },
    // `load` populates with `query || true`.
    populate: { [field]: Object.keys(populated).length === 0 ? given || true : populated },
  })) as Array<Record<string, unknown>>;
  const byId = new Map(rows.map((row) => [row.id, row[field]]));
  if (shape === 'many' && limit !== undefined) {
    const read = rows.reduce((total, row) => total + ((row[field] as unknown[] | null)?.length ?? 0), 0);
    if (read >= limit * ids.length) {
      await Promise.all(waiting.map(({ parent, resolve, reject }) => original(uid, parent, field, given).then(resolve, reject)));
      return;
    }
  }
  for (const { parent, resolve } of waiting) {
    const value = byId.get(parent.id);
    resolve(shape === 'many' && Array.isArray(value) && limit !== undefined ? value.slice(0, limit) : (value ?? null));
  }
};

const keyOf = (uid: string, field: string, query: LoadQuery): string | undefined => {
  try {
    return `${uid}\u0000${field}\u0000${JSON.stringify(query)}`;
  } catch {
    return undefined;
  }
};

/**
 * GraphQL resolves a relation, component or media field once per parent: a list of 25 articles with
 * four such fields ran 254 statements, each with Strapi's query building around it, and GraphQL
 * answered below stock Strapi's rate. Within one GraphQL request (outside any transaction), the loads
 * of the same field with the same query that start before the event loop turns (the siblings of a
 * list, resolved together by graphql-js) are read with one statement. Each parent gets exactly what
 * its own load returns (tests/api/graphql-batched-loads.test.ts compares both on every field of
 * every type). `graphqlBatchLoads: false` in public-api's configuration turns it off.
 */
export const batchGraphqlLoads = (strapi: Core.Strapi): void => {
  const endpoint = () => String(strapi.plugin('graphql')?.config('endpoint') ?? '/graphql');
  const enabled = () => strapi.config.get<boolean>('plugin::public-api.graphqlBatchLoads', true);
  const pendingByRequest = new WeakMap<object, Map<string, Batch>>();

  wrapEntityLoad(strapi, (original) => (uid, entity, fields, query) => {
    const request = currentRequest(strapi);
    const parent = entity as Parent | null | undefined;
    const loadQuery = (query === undefined || query === true ? {} : query) as LoadQuery;
    if (
      !request ||
      request.path !== endpoint() ||
      !enabled() ||
      typeof fields !== 'string' ||
      parent?.id === undefined ||
      !loadQuery ||
      typeof loadQuery !== 'object' ||
      inTransaction(strapi)
    ) {
      return original(uid, entity, fields, query);
    }
    const shape = shapeOf(strapi, uid, fields, loadQuery);
    const key = shape && keyOf(uid, fields, loadQuery);
    if (!shape || !key) return original(uid, entity, fields, query);
    let pending = pendingByRequest.get(request);
    if (!pending) pendingByRequest.set(request, (pending = new Map<string, Batch>()));
    const waiting = pending;
    return new Promise((resolve, reject) => {
      let batch = waiting.get(key);
      if (!batch) {
        const started: Batch = { uid, field: fields, given: query, query: loadQuery, shape, waiting: [] };
        batch = started;
        waiting.set(key, started);
        setImmediate(() => {
          waiting.delete(key);
          const run =
            started.waiting.length === 1
              ? original(uid, started.waiting[0].parent, fields, query).then(started.waiting[0].resolve)
              : loadTogether(strapi, original, started);
          run.catch((error: unknown) => started.waiting.forEach((item) => item.reject(error)));
        });
      }
      batch.waiting.push({ parent, resolve, reject });
    });
  });
};
