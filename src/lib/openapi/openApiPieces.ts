import { SLUG_PATTERN } from '../site/slugPattern';
/** OpenAPI 3.0 fragments shared by the route files' descriptions. */
export type Json = Record<string, unknown>;

export type DocumentedRoute = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handler: string;
  config?: Record<string, unknown>;
  /**
   * The route's OpenAPI operation, written beside the route so a new route cannot ship undocumented
   * (tests/api/openapi-routes.test.ts checks every route appears in the document). Strapi (5.54.0)
   * validates routes with `stripUnknown` on a copy, so this key stays on the route and is ignored.
   */
  openapi: Json;
};

export const errorResponse = (description: string): Json => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export const ERRORS = {
  400: errorResponse('Bad Request: the error names the wrong parameter (`error.details.errors[].path`)'),
  403: errorResponse('Forbidden'),
  404: errorResponse('Not Found'),
};

/** Readable without a token (Public role); a token may see more (drafts, embargoed releases). */
export const PUBLIC_OR_TOKEN = [{}, { bearerAuth: [] }];

/**
 * A locale code. The locales a deployment serves, and its default as the example, are the app's:
 * the public API's `mutateDocumentation` hook writes them into every `locale` parameter of the
 * document (completeDocument.ts), so route files need not know them.
 */
export const localeSchema = (): Json => ({ type: 'string' });

export const localeParameter = (where: 'query' | 'path'): Json => ({
  name: 'locale',
  in: where,
  required: where === 'path',
  description: 'A locale of the CMS. Another value is a 400 naming `locale`.',
  schema: localeSchema(),
});

export const fallbackParameter: Json = {
  name: 'fallback',
  in: 'query',
  required: false,
  description: 'When the document has no version in `locale`, serve the default locale’s and say so in `meta.locale`.',
  schema: { type: 'boolean', default: false },
};

export const slugParameter: Json = { name: 'slug', in: 'path', required: true, schema: { type: 'string', pattern: SLUG_PATTERN.source } };

export const HTTP_CACHE_NOTE =
  'Answers carry an `ETag` and `Cache-Control` (shared caches never past the next embargo or schedule); `If-None-Match` gives a 304.';
