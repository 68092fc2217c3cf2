import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

/**
 * Every GraphQL answer leaves Apollo with `Cache-Control: no-store`, as Apollo's cache-control
 * plugin gives it here: Strapi's schema has no cache hints and the default max age is 0, so that
 * plugin's policy is always "uncacheable" (@apollo/server 4.13.0, plugin/cacheControl). The
 * http-cache middleware then gives public GET answers their own caching headers, as before.
 */
const answersAreNotStored: ApolloServerPlugin = {
  requestDidStart() {
    return Promise.resolve({
      willSendResponse({ response }) {
        if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
        return Promise.resolve();
      },
    });
  },
};

const INTERNAL_ERROR = { name: 'InternalServerError', message: 'Internal Server Error' };

const withoutInternals = (error: GraphQLFormattedError): GraphQLFormattedError =>
  error.extensions?.code === 'INTERNAL_SERVER_ERROR'
    ? { ...error, message: INTERNAL_ERROR.message, extensions: { ...error.extensions, error: INTERNAL_ERROR } }
    : error;

/**
 * An internal error's own message stays in the log. Strapi's formatGraphqlError (plugin-graphql
 * 5.54.0) answers "Internal Server Error", "so we don't risk leaking any data", but copies the
 * original error's name and message into `extensions.error` (a database error's whole SQL
 * statement), and an error thrown inside a resolver kept its own message as the answer's. Both
 * replaced by what REST gives a 500.
 */
const internalErrorsStayInside: ApolloServerPlugin = {
  requestDidStart() {
    return Promise.resolve({
      willSendResponse({ response }) {
        if (response.body.kind === 'single' && response.body.singleResult.errors)
          response.body.singleResult.errors = response.body.singleResult.errors.map(withoutInternals);
        return Promise.resolve();
      },
    });
  },
};

/**
 * Apollo's cache-control plugin, installed by default, computes a cache policy for every resolved
 * field (a policy object and a hook per field). Without it, a list of 25 articles costs a few percent
 * less CPU; the answers' bodies and headers stay the same (tests/api/graphql.test.ts).
 */
export const apolloServerPlugins = (): ApolloServerPlugin[] => [
  ApolloServerPluginCacheControlDisabled(),
  answersAreNotStored,
  internalErrorsStayInside,
];
