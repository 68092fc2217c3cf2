import {
  ERRORS,
  HTTP_CACHE_NOTE,
  PUBLIC_OR_TOKEN,
  fallbackParameter,
  localeParameter,
  slugParameter,
  type DocumentedRoute,
} from '../../../../lib/openapi/openApiPieces';

/**
 * Route configuration shared by the types: the default-population middleware on every public read,
 * and the slug lookup route. Keeps each type's route files to one call.
 */
export const readRouteConfig = (type: string) => {
  // One object per route: Strapi (5.54) writes each route's permission scope into its config object,
  // so a shared one gave findOne the scope of find.
  const config = () => ({ middlewares: [`api::${type}.${type}-populate`] });
  return { find: config(), findOne: config() };
};

/** `press-coverage` → `PressCoverage`, the documentation plugin's schema name for the type. */
const schemaName = (type: string) => type.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
/** `press-coverage` → `Press-coverage`, the documentation plugin's tag for the type. */
const tagName = (type: string) => type.charAt(0).toUpperCase() + type.slice(1);

export const slugRoutes = (type: string, pluralPath: string): { routes: DocumentedRoute[] } => ({
  routes: [
    {
      method: 'GET' as const,
      path: `/${pluralPath}/slug/:slug`,
      handler: `api::${type}.${type}.findBySlug`,
      config: { middlewares: [`api::${type}.${type}-populate`] },
      openapi: {
        operationId: `get/${pluralPath}/slug/{slug}`,
        tags: [tagName(type)],
        summary: `One ${schemaName(type)} by its slug in a locale`,
        description: `Published and visible only (drafts, embargo and schedule apply). ${HTTP_CACHE_NOTE}`,
        security: PUBLIC_OR_TOKEN,
        parameters: [
          slugParameter,
          localeParameter('query'),
          fallbackParameter,
          {
            name: 'populate',
            in: 'query',
            required: false,
            description: 'Strapi populate syntax; a useful default applies when absent.',
            schema: { type: 'string' },
          },
          {
            name: 'fields',
            in: 'query',
            required: false,
            description: 'Strapi field selection; `meta.url` and `meta.jsonLd` always describe the whole document.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          200: {
            description: 'OK',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    data: { $ref: `#/components/schemas/${schemaName(type)}` },
                    meta: { $ref: '#/components/schemas/PasserelleDetailMeta' },
                  },
                },
              },
            },
          },
          ...ERRORS,
        },
      },
    },
  ],
});
