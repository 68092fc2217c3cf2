import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';

// The depth rule the GraphQL plugin itself uses (no type declarations are published for it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const depthLimit = require('graphql-depth-limit') as (maxDepth: number) => ValidationRule;

export type GraphqlLimits = { depthLimit: number; maxAliases: number; maxCost: number };

/** A rejected query gets an ordinary validation error (HTTP 400), not an exception out of validation. */
const reportError = (context: ValidationContext | null, error: GraphQLError) => context?.reportError(error);
const rejection = { onReject: [reportError], propagateOnRejection: false };

/**
 * What one query may cost: its depth (`GRAPHQL_DEPTH_LIMIT`), how many aliases it uses
 * (`GRAPHQL_MAX_ALIASES`: each alias of a list re-runs the query behind it) and its cost in fields,
 * weighted by depth (`GRAPHQL_MAX_COST`, graphql-armor's measure). Checked before anything runs.
 *
 * The plugin adds `apolloServer`'s lists to its own (lodash `mergeWith`, concatenating arrays:
 * @strapi/plugin-graphql 5.54.0, server/bootstrap.js), so its depth rule, with the same limit, runs
 * beside ours; ours keeps the limit should a release stop adding its own.
 */
export const graphqlLimitRules = ({ depthLimit: maxDepth, maxAliases, maxCost }: GraphqlLimits): ValidationRule[] => [
  depthLimit(maxDepth),
  maxAliasesRule({ n: maxAliases, ...rejection }),
  costLimitRule({ maxCost, ...rejection }),
];
