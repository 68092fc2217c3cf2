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
