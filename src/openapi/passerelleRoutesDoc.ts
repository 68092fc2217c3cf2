import { FEED_CHANNELS, FEED_FORMATS, FEED_CONTENT_TYPES } from '../feeds/feedChannels';
import { DIGEST_FORMATS, DIGEST_CONTENT_TYPES } from '../digest/digestQuery';

/**
 * OpenAPI description of the routes the documentation plugin does not generate: it documents only
 * each type's core router, so the slug lookups, the journalists' route, feeds, sitemap and digest
 * are described here and merged in with the plugin's `override` service.
 */
type Json = Record<string, unknown>;

const errorResponse = (description: string): Json => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const ERRORS = { 400: errorResponse('Bad Request: the error names the wrong parameter (`error.details.errors[].path`)'), 403: errorResponse('Forbidden'), 404: errorResponse('Not Found') };

const localeParameter = (where: 'query' | 'path', required = false): Json => ({
  name: 'locale',
  in: where,
  required: where === 'path' || required,
  description: 'A locale of the CMS (`fr`, `en`, …). An unknown locale is a 400 naming `locale`.',
  schema: { type: 'string', example: 'fr' },
});
const fallbackParameter: Json = {
  name: 'fallback',
  in: 'query',
  required: false,
  description: 'When the document has no version in `locale`, serve the default locale’s and say so in `meta.locale`.',
  schema: { type: 'boolean', default: false },
};
const HTTP_CACHE_NOTE = 'Answers carry an `ETag` and `Cache-Control` (shared caches never past the next embargo or schedule); `If-None-Match` gives a 304.';

const SLUG_TYPES: Array<{ path: string; schema: string; tag: string }> = [
  { path: 'articles', schema: 'Article', tag: 'Article' },
  { path: 'press-coverages', schema: 'PressCoverage', tag: 'Press-coverage' },
  { path: 'editions', schema: 'Edition', tag: 'Edition' },
  { path: 'programmes', schema: 'Programme', tag: 'Programme' },
  { path: 'partners', schema: 'Partner', tag: 'Partner' },
];

const slugPath = ({ path, schema, tag }: (typeof SLUG_TYPES)[number]): [string, Json] => [
  `/${path}/slug/{slug}`,
  {
    get: {
      operationId: `get/${path}/slug/{slug}`,
      tags: [tag],
      summary: `One ${schema} by its slug in a locale`,
      description: `Published and visible only (drafts, embargo and schedule apply). ${HTTP_CACHE_NOTE}`,
      parameters: [
        { name: 'slug', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9-_.~]+$' } },
        localeParameter('query'),
        fallbackParameter,
        { name: 'populate', in: 'query', required: false, description: 'Strapi populate syntax; a useful default applies when absent.', schema: { type: 'string' } },
      ],
      responses: {
        200: {
          description: 'OK',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { data: { $ref: `#/components/schemas/${schema}` }, meta: { $ref: '#/components/schemas/PasserelleDetailMeta' } },
              },
            },
          },
        },
        ...ERRORS,
      },
    },
  },
];

export const passerelleRoutesDoc = (options: { serverUrl: string }): Json => ({
  tags: [
    { name: 'Distribution', description: 'Feeds, sitemap and newsletter digest, under the same visibility, locale and caching rules as REST.' },
  ],
  paths: {
    ...Object.fromEntries(SLUG_TYPES.map(slugPath)),
    '/articles/embargoed': {
      get: {
        operationId: 'get/articles/embargoed',
        tags: ['Article'],
        summary: 'Press releases still under embargo, soonest first (journalists)',
        description: 'Needs an API token holding the `api::article.article.embargoed` permission; the Public role never has it.',
        security: [{ bearerAuth: [] }],
        parameters: [localeParameter('query')],
        responses: {
          200: { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/ArticleListResponse' } } } },
          401: errorResponse('Unauthorized'),
          ...ERRORS,
        },
      },
    },
    '/feeds/{locale}/{feed}': {
      get: {
        operationId: 'get/feeds/{locale}/{feed}',
        tags: ['Distribution'],
        summary: 'RSS 2.0, Atom 1.0 or JSON Feed 1.1 of a channel in a locale',
        description: `The newest public items with absolute links to the site, dates, language and cover enclosures. ${HTTP_CACHE_NOTE}`,
        security: [],
        parameters: [
          localeParameter('path'),
          {
            name: 'feed',
            in: 'path',
            required: true,
            description: `\`<channel>.<format>\`: channel one of ${FEED_CHANNELS.join(', ')}; format one of ${FEED_FORMATS.join(', ')}. Unknown channel: 404; unknown format: 400 naming \`format\`.`,
            schema: { type: 'string', pattern: `^(${FEED_CHANNELS.join('|')})\\.(${FEED_FORMATS.join('|')})$`, example: 'press-releases.rss' },
          },
        ],
        responses: {
          200: {
            description: 'The feed',
            content: Object.fromEntries(Object.values(FEED_CONTENT_TYPES).map((type) => [type.split(';')[0], { schema: { type: 'string' } }])),
          },
          ...ERRORS,
        },
      },
    },
    '/newsletter/digest': {
      get: {
        operationId: 'get/newsletter/digest',
        tags: ['Distribution'],
        summary: 'What was published since a date, grouped for a newsletter',
        description: `Sections: news, pressReleases, pressCoverage, upcomingEditions. \`format=html\` is email-safe HTML, \`format=text\` its plain-text part. ${HTTP_CACHE_NOTE}`,
        security: [],
        parameters: [
          localeParameter('query'),
          {
            name: 'since',
            in: 'query',
            required: true,
            description: 'A date (midnight in the association’s time zone) or an ISO 8601 date-time; not in the future. Otherwise a 400 naming `since`.',
            schema: { type: 'string', example: '2026-11-01' },
          },
          { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: [...DIGEST_FORMATS], default: 'json' } },
        ],
        responses: {
          200: {
            description: 'The digest',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/PasserelleDigestResponse' } },
              ...Object.fromEntries(Object.values(DIGEST_CONTENT_TYPES).map((type) => [type.split(';')[0], { schema: { type: 'string' } }])),
            },
          },
          ...ERRORS,
        },
      },
    },
    '/sitemap.xml': {
      // Served at the root of the CMS, also reachable as /api/sitemap.xml.
      servers: [{ url: options.serverUrl || '/' }],
      get: {
        operationId: 'get/sitemap.xml',
        tags: ['Distribution'],
        summary: 'Every public page of every locale, with hreflang alternates and lastmod',
        description: HTTP_CACHE_NOTE,
        security: [],
        responses: { 200: { description: 'Sitemap protocol XML', content: { 'application/xml': { schema: { type: 'string' } } } } },
      },
    },
  },
  components: {
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
            items: { type: 'object', properties: { locale: { type: 'string' }, slug: { type: 'string', nullable: true }, url: { type: 'string', nullable: true } } },
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
              ['news', 'pressReleases', 'pressCoverage', 'upcomingEditions'].map((section) => [section, { type: 'array', items: { $ref: '#/components/schemas/PasserelleDigestItem' } }])
            ),
          },
          meta: {
            type: 'object',
            properties: { locale: { type: 'string' }, since: { type: 'string', format: 'date-time' }, counts: { type: 'object' } },
          },
        },
      },
    },
  },
});
