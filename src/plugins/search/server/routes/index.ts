import { ERRORS, HTTP_CACHE_NOTE, PUBLIC_OR_TOKEN, errorResponse, localeSchema } from '../passerelle';

export const SEARCH_ACTION = 'plugin::search.search.find';

const csvParameter = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string' },
});

export const searchOperation = () => ({
  operationId: 'get/search',
  tags: ['Search'],
  summary: 'Full-text search across the public content of a locale',
  description:
    'Stemmed, accent- and case-insensitive search of titles and text, ranked (title above body). The last word also matches as a prefix; ' +
    'words in double quotes form a phrase. Drafts, releases under embargo and scheduled documents are never found before their instant ' +
    `(a journalist's token finds embargoed releases, marked in \`embargo\`). ${HTTP_CACHE_NOTE}`,
  security: PUBLIC_OR_TOKEN,
  parameters: [
    {
      name: 'q',
      in: 'query',
      required: true,
      description: 'The search text (at most 200 characters, 12 words). Empty or without a word: 400 naming `q`.',
      schema: { type: 'string', example: 'inclusion numérique' },
    },
    {
      name: 'locale',
      in: 'query',
      required: false,
      description: 'The locale to search in (default: the default locale). Unknown: 400 naming `locale`.',
      schema: localeSchema(),
    },
    csvParameter(
      'type',
      'Only these types, comma-separated (article, press-coverage, edition, programme, partner, manifesto). Unknown: 400 naming `type`.'
    ),
    csvParameter('kind', 'Only these kinds, comma-separated (e.g. `press-release`). Unknown: 400 naming `kind`.'),
    { name: 'pagination[page]', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
    { name: 'pagination[pageSize]', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
  ],
  responses: {
    200: {
      description: 'One page of hits, best first',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/PasserelleSearchResponse' } } },
    },
    ...ERRORS,
    503: errorResponse(
      'Service Unavailable: the index is catching up with changes made outside the CMS (an import, a script); retry after `Retry-After` seconds'
    ),
  },
});

export const searchSchemas = {
  PasserelleSearchHit: {
    type: 'object',
    required: ['type', 'documentId', 'locale', 'title', 'snippet', 'score'],
    properties: {
      type: { type: 'string' },
      kind: { type: 'string', nullable: true },
      documentId: { type: 'string' },
      locale: { type: 'string' },
      title: { type: 'string' },
      slug: { type: 'string', nullable: true },
      url: { type: 'string', nullable: true, description: 'The page on the public site' },
      snippet: { type: 'string', description: 'HTML: the text around the first match, escaped, with `<mark>` around matching words' },
      score: { type: 'number', description: 'Relevance (higher is better); comparable within one answer only' },
      embargo: {
        type: 'object',
        nullable: true,
        properties: { until: { type: 'string', format: 'date-time' }, active: { type: 'boolean' } },
      },
    },
  },
  PasserelleSearchResponse: {
    type: 'object',
    required: ['data', 'meta'],
    properties: {
      data: { type: 'array', items: { $ref: '#/components/schemas/PasserelleSearchHit' } },
      meta: {
        type: 'object',
        properties: {
          pagination: {
            type: 'object',
            properties: {
              page: { type: 'integer' },
              pageSize: { type: 'integer' },
              pageCount: { type: 'integer' },
              total: { type: 'integer' },
              totalIsExact: {
                type: 'boolean',
                description: 'False when more entries matched than are ranked (the rank window): total is then a lower bound.',
              },
            },
          },
        },
      },
    },
  },
};

export default {
  'content-api': {
    type: 'content-api',
    // `/api/search` rather than Strapi's default `/api/search/search` for a plugin's routes.
    prefix: '',
    routes: [{ method: 'GET', path: '/search', handler: 'search.find', config: {} }],
  },
};
