import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';

export type GraphqlLimits = { maxAliases: number; maxCost: number };

/** A rejected query gets an ordinary validation error (HTTP 400), not an exception out of validation. */
const reportError = (context: ValidationContext | null, error: GraphQLError) => context?.reportError(error);
const rejection = { onReject: [reportError], propagateOnRejection: false };

/**
 * What one query may cost, besides its depth: how many aliases it uses (`GRAPHQL_MAX_ALIASES`: each
 * alias of a list re-runs the query behind it) and its cost in fields, weighted by depth
 * (`GRAPHQL_MAX_COST`, graphql-armor's measure). Checked before anything runs.
 *
 * The depth is the GraphQL plugin's own rule, from its `depthLimit` option (`GRAPHQL_DEPTH_LIMIT`).
 * The plugin adds `apolloServer`'s lists to its own (lodash `mergeWith`, concatenating arrays:
 * @strapi/plugin-graphql 5.54.0, server/bootstrap.js): a depth rule of ours beside it reported each
 * too-deep query twice. `tests/api/abuse-limits.test.ts` checks the limit holds, with one error.
 */
export const graphqlLimitRules = ({ maxAliases, maxCost }: GraphqlLimits): ValidationRule[] => [
  maxAliasesRule({ n: maxAliases, ...rejection }),
  costLimitRule({ maxCost, ...rejection }),
];
