import { errors } from '@strapi/utils';
import type { Core } from '@strapi/strapi';

/**
 * Messages of errors that Strapi's query layer throws as plain Errors when a client sends a query of
 * the wrong shape (e.g. `filters[$or]` that is not a list). They are the client's mistake: a 400.
 */
const CLIENT_QUERY_ERRORS = [
  /^Operator \S+ must be an array/,
  /^Where must be an array or an object/,
  /^Undefined attribute level operator/,
  /^Invalid (?:populate|sort|fields|filters?)/i,
  /^Undefined operator/,
];

export const isClientQueryError = (error: unknown): error is Error =>
  error instanceof Error && !(error instanceof errors.ApplicationError) && CLIENT_QUERY_ERRORS.some((p) => p.test(error.message));

const invalidParameter = (parameter: string, message: string) =>
  new errors.ValidationError(message, { errors: [{ path: [parameter], message, name: 'ValidationError' }] });

/**
 * `fields=` (what a front end sends when it joins an empty list) reaches the database as a column
 * with an empty name, which knex rejects with a plain Error: a 500. `fields[0]=` is already a 400 in
 * Strapi (5.54.0); the bare form gets the same answer, naming `fields`.
 */
export const assertFieldsNotEmpty = (query: Record<string, unknown>): void => {
  const fields = query.fields;
  if (fields === '' || (Array.isArray(fields) && fields.length > 0 && fields.every((field) => field === ''))) {
    throw invalidParameter('fields', 'fields: an empty field list; leave `fields` out to get every field, or name at least one');
  }
};

/** Names every plain object inherits: a lookup of one in a model's attributes finds a function. */
const INHERITED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The attribute names a parameter's value gives: `title,slug`, `cover.image`, `publishedAt:desc`, lists and objects of them. */
const namesIn = (value: unknown, names: string[] = []): string[] => {
  if (typeof value === 'string') for (const part of value.split(/[,.:]/)) names.push(part.trim());
  else if (Array.isArray(value)) for (const item of value) namesIn(item, names);
  else if (value && typeof value === 'object')
    for (const [key, nested] of Object.entries(value)) {
      names.push(key);
      namesIn(nested, names);
    }
  return names;
};

/**
 * `fields=valueOf` passed Strapi's query validation (5.54.0 looks the name up in the model's
 * attributes, and every object has a `valueOf`) and reached the database as a column: a 500. A name
 * that every object inherits is never an attribute here: a 400 naming the parameter, in `fields`,
 * `sort` or `populate`. (As keys, in `filters[valueOf]` or `populate[valueOf]`, Strapi's query parser
 * drops them: qs keeps no key that would shadow `Object.prototype`.)
 */
export const assertNoInheritedNames = (query: Record<string, unknown>): void => {
  for (const parameter of ['fields', 'sort', 'populate'] as const) {
    const value = query[parameter];
    const inherited = value === undefined ? undefined : namesIn(value).find((name) => INHERITED_NAMES.has(name));
    if (inherited) throw invalidParameter(parameter, `${parameter}: "${inherited}" is not a field of this content type`);
  }
};

/**
 * `assertNoInheritedNames` on the query as Strapi parses it: placed right after `strapi::query` in
 * config/middlewares.ts (before it, `filters[valueOf][$eq]` is one flat key), and before anything that
 * answers a read.
 */
export const queryNames: Core.MiddlewareFactory = () => async (ctx, next) => {
  if (ctx.path.startsWith('/api/')) assertNoInheritedNames(ctx.query);
  await next();
};

const queryErrors: Core.MiddlewareFactory = () => async (ctx, next) => {
  try {
    if (ctx.path.startsWith('/api/')) assertFieldsNotEmpty(ctx.query);
    await next();
  } catch (error) {
    if (isClientQueryError(error)) {
      throw new errors.ValidationError(`Invalid query: ${error.message}`);
    }
    throw error;
  }
};

export default queryErrors;
