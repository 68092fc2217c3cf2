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

const queryErrors: Core.MiddlewareFactory = () => async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    if (isClientQueryError(error)) {
      throw new errors.ValidationError(`Invalid query: ${error.message}`);
    }
    throw error;
  }
};

export default queryErrors;
