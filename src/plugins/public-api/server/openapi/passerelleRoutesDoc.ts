import type { DocumentedRoute, Json } from '../../../../lib/openapi/openApiPieces';

/**
 * OpenAPI description of the custom routes, gathered from the route files, where each route carries
 * its own operation (`openapi`). The documentation plugin documents only each type's core router;
 * these are merged in with its `override` service.
 */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z_]+)/g, '{$1}');

export const routesDoc = (routes: Array<Partial<DocumentedRoute> & { method: string; path: string }>): Json['paths'] => {
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    if (!route.openapi) continue;
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: route.openapi };
  }
  return paths;
};

export const passerelleComponents: Json = {
  schemas: {
    PasserelleDetailMeta: {
      type: 'object',
      properties: {
        locale: {
          type: 'object',
          properties: { requested: { type: 'string' }, served: { type: 'string' }, fallback: { type: 'boolean' } },
        },
        url: { type: 'string', nullable: true, description: 'The page on the public site' },
        alternates: {
          type: 'array',
          items: {
            type: 'object',
            properties: { locale: { type: 'string' }, slug: { type: 'string', nullable: true }, url: { type: 'string', nullable: true } },
          },
        },
        jsonLd: { type: 'object', description: 'schema.org JSON-LD (NewsArticle, Event, Organization)' },
      },
    },
    PasserelleDigestItem: {
      type: 'object',
      properties: {
        documentId: { type: 'string' },
        title: { type: 'string' },
        summary: { type: 'string', nullable: true },
        url: { type: 'string' },
        date: { type: 'string', format: 'date-time' },
        image: { type: 'object', nullable: true, properties: { url: { type: 'string' }, alt: { type: 'string' } } },
        source: { type: 'object', nullable: true, properties: { name: { type: 'string' }, url: { type: 'string', nullable: true } } },
        startDate: { type: 'string', format: 'date', nullable: true },
        endDate: { type: 'string', format: 'date', nullable: true },
      },
    },
    PasserelleDigestResponse: {
      type: 'object',
      properties: {
        data: {
          type: 'object',
          properties: Object.fromEntries(
            ['news', 'pressReleases', 'pressCoverage', 'upcomingEditions'].map((section) => [
              section,
              { type: 'array', items: { $ref: '#/components/schemas/PasserelleDigestItem' } },
            ])
          ),
        },
        meta: {
          type: 'object',
          properties: {
            locale: { type: 'string' },
            since: { type: 'string', format: 'date-time' },
            siteName: { type: 'string' },
            siteUrl: { type: 'string' },
            counts: { type: 'object', description: 'Section → entries shown', additionalProperties: { type: 'integer' } },
            more: {
              type: 'object',
              description: 'Section → whether more became public than it shows (a section shows 10 by default)',
              additionalProperties: { type: 'boolean' },
            },
          },
        },
      },
    },
    PasserelleJsonFeed: {
      type: 'object',
      description: 'JSON Feed 1.1 (https://jsonfeed.org/version/1.1)',
      required: ['version', 'title', 'items'],
      properties: {
        version: { type: 'string', enum: ['https://jsonfeed.org/version/1.1'] },
        title: { type: 'string' },
        home_page_url: { type: 'string' },
        feed_url: { type: 'string' },
        language: { type: 'string' },
        items: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id'],
            properties: {
              id: { type: 'string' },
              url: { type: 'string' },
              title: { type: 'string' },
              content_text: { type: 'string' },
              date_published: { type: 'string', format: 'date-time' },
              attachments: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['url', 'mime_type'],
                  properties: { url: { type: 'string' }, mime_type: { type: 'string' }, size_in_bytes: { type: 'integer' } },
                },
              },
            },
          },
        },
      },
    },
  },
};

export const passerelleRoutesDoc = (routes: Array<Partial<DocumentedRoute> & { method: string; path: string }>): Json => ({
  tags: [
    {
      name: 'Distribution',
      description: 'Feeds, sitemap and newsletter digest, under the same visibility, locale and caching rules as REST.',
    },
  ],
  paths: routesDoc(routes),
  components: passerelleComponents,
});
