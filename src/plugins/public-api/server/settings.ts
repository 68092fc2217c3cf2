import { z } from 'zod';

/**
 * What the public-api plugin applies to, from its configuration (config/plugins.ts →
 * `public-api.config`). The plugin names no content type itself.
 */
const uid = z.string().regex(/^[a-z0-9-]+::[a-z0-9-]+\.[a-z0-9-]+$/, 'a content type uid such as api::post.post');

export const publicApiSchema = z.strictObject({
  /**
   * Every action the Public and Authenticated roles get: reading published content, nothing else.
   * Granted once each, so what staff change in the admin panel sticks; dropping one revokes it.
   */
  publicActions: z.array(
    z.string().regex(/^[a-z0-9-]+::[a-z0-9-]+\.[a-z0-9-]+\.[A-Za-z0-9]+$/, 'a route action such as api::post.post.find')
  ),
  /** What `listEmbargoedReleases` lists: published documents of `type` whose `field` is still ahead, matching `filters`. */
  embargoedReleases: z
    .strictObject({ type: uid, field: z.string().min(1), filters: z.record(z.string(), z.unknown()).optional() })
    .optional(),
  /**
   * Within a GraphQL request, the loads of one relation, component or media field for the siblings
   * of a list are read with one statement (graphql/batchedLoads.ts); `false` loads each parent's on
   * its own, as Strapi does.
   */
  graphqlBatchLoads: z.boolean().optional(),
  /**
   * GraphQL fields that no resolver configuration names (a title, a component; not relations)
   * resolve without Strapi's auth and policy wrapper, which does nothing for them
   * (graphql/plainFields.ts); `false` keeps the wrapper, as Strapi does.
   */
  graphqlPlainFields: z.boolean().optional(),
  /**
   * The Public's root lists of the read model's types read from its stored rows, with the relations,
   * media and components they hold (graphql/storedLists.ts); `false`: Strapi's resolvers.
   */
  graphqlReadModel: z.boolean().optional(),
  /**
   * Requests taken one a turn of the event loop, in the order they were parsed, so that a request
   * that arrived just after a poll does not wait behind the next poll's (dispatch/arrivalOrder.ts);
   * `false`: in the order Node's poll gives them, as Strapi does.
   */
  dispatchInArrivalOrder: z.boolean().optional(),
});

export type PublicApiSettings = z.infer<typeof publicApiSchema>;

export const DEFAULT_SETTINGS: PublicApiSettings = { publicActions: [] };

/** Strapi calls this with the merged configuration (`config.validator`); an error stops the boot, naming the option. */
export const validateSettings = (config: unknown): void => {
  const parsed = publicApiSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`public-api.${issue.path.join('.')}: ${issue.message}`);
  }
};

/** The configured type and field must exist: checked at register, so a typo stops the boot by name. */
export const configuredTypeProblems = (settings: PublicApiSettings, attributesOf: (uid: string) => Record<string, unknown> | undefined) => {
  const releases = settings.embargoedReleases;
  if (!releases) return [];
  const attributes = attributesOf(releases.type);
  if (!attributes) return [`public-api.embargoedReleases.type: no content type ${releases.type}`];
  return releases.field in attributes ? [] : [`public-api.embargoedReleases.field: ${releases.type} has no field "${releases.field}"`];
};
