import type { ApolloServerPlugin } from '@apollo/server';
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

/**
 * Apollo's cache-control plugin, installed by default, computes a cache policy for every resolved
 * field (a policy object and a hook per field). Without it, a list of 25 articles costs a few percent
 * less CPU; the answers' bodies and headers stay the same (tests/api/graphql.test.ts).
 */
export const apolloServerPlugins = (): ApolloServerPlugin[] => [ApolloServerPluginCacheControlDisabled(), answersAreNotStored];
