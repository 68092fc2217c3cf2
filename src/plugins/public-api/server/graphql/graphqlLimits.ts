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
 * The plugin merges `apolloServer` into its own options with lodash's `merge`, which merges lists
 * index by index: its depth rule is at index 0, so ours is too, with the same limit
 * (@strapi/plugin-graphql 5.54.0, server/bootstrap.js).
 */
export const graphqlLimitRules = ({ depthLimit: maxDepth, maxAliases, maxCost }: GraphqlLimits): ValidationRule[] => [
  depthLimit(maxDepth),
  maxAliasesRule({ n: maxAliases, ...rejection }),
  costLimitRule({ maxCost, ...rejection }),
];
