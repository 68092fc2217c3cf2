import type { Core } from '@strapi/strapi';

/** Bounds on the work one public REST read may ask for (GraphQL's are in config/plugins.ts). */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // Levels of `populate` nesting a reader without an API token may ask for; deeper is a 400 naming `populate`.
  populateMaxDepth: env.int('API_POPULATE_MAX_DEPTH', 4),
});

export default config;
