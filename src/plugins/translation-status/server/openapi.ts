type Json = Record<string, unknown>;
type Operation = Json & { parameters?: Json[]; responses?: Record<string, Json> };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json & { properties?: Record<string, Json> }> };
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const ERRORS = {
  400: errorResponse('Bad Request'),
  401: errorResponse('Unauthorized'),
  403: errorResponse('Forbidden'),
  404: errorResponse('Not Found'),
};
const TOKEN_ONLY = [{ bearerAuth: [] }];

const translationItem = {
  type: 'object',
  properties: {
    contentType: { type: 'string' },
    documentId: { type: 'string' },
    locale: { type: 'string' },
    source: { type: 'string' },
    state: { type: 'string', enum: ['missing', 'outdated', 'current'] },
    sourceUpdatedAt: { type: 'string', format: 'date-time', nullable: true },
    since: { type: 'string', format: 'date-time', nullable: true },
    changedFields: { type: 'array', items: { type: 'string' } },
    confirmedAt: { type: 'string', format: 'date-time', nullable: true },
    adminUrl: { type: 'string' },
  },
  required: ['contentType', 'documentId', 'locale', 'source', 'state', 'changedFields', 'adminUrl'],
};

/** The plugin's own Content API paths, for the documentation plugin's override. */
export const translationRoutesDoc = {
  paths: {
    '/translations/status': {
      get: {
        operationId: 'get/translations/status',
        tags: ['Translations'],
        summary: 'Missing and outdated translations into a locale, oldest first, with admin links (staff tooling)',
        description: 'Needs an API token holding `plugin::translation-status.status.list`; the Public role never has it.',
        security: TOKEN_ONLY,
        parameters: [
          { name: 'locale', in: 'query', required: true, description: 'The translation locale', schema: { type: 'string' } },
          { name: 'contentType', in: 'query', required: false, description: 'Only this content type (uid)', schema: { type: 'string' } },
        ],
        responses: {
          200: {
            description: 'OK',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    data: { type: 'array', items: { $ref: '#/components/schemas/TranslationStatusItem' } },
                    meta: {
                      type: 'object',
                      properties: {
                        locale: { type: 'string' },
                        source: { type: 'string' },
                        missing: { type: 'integer' },
                        outdated: { type: 'integer' },
                      },
                    },
                  },
                },
              },
            },
          },
          ...ERRORS,
        },
      },
    },
    '/translations/mark-current': {
      post: {
        operationId: 'post/translations/mark-current',
        tags: ['Translations'],
        summary: 'Mark a translation as current without editing it',
        description: 'Needs an API token holding `plugin::translation-status.status.markCurrent`.',
        security: TOKEN_ONLY,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { contentType: { type: 'string' }, documentId: { type: 'string' }, locale: { type: 'string' } },
                required: ['contentType', 'documentId', 'locale'],
              },
            },
          },
        },
        responses: {
          200: {
            description: 'The translation, now current',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { data: { $ref: '#/components/schemas/TranslationStatusItem' } } },
              },
            },
          },
          ...ERRORS,
        },
      },
    },
  },
  components: {
    schemas: {
      TranslationStatusItem: translationItem,
      TranslationMeta: {
        type: 'object',
        description: 'On `?translation=true`: how this locale stands against the source locale (`missing` when another locale was served)',
        properties: {
          source: { type: 'string' },
          state: { type: 'string', enum: ['missing', 'outdated', 'current', 'source'] },
          sourceUpdatedAt: { type: 'string', format: 'date-time', nullable: true },
        },
        required: ['source', 'state'],
      },
    },
  },
};

/**
 * The detail and slug reads of followed types take `translation` and may answer `meta.translation`.
 * `detailPaths` are OpenAPI paths like `/articles/{id}` and `/articles/slug/{slug}`.
 */
export const documentTranslationMeta = (draft: unknown, detailPaths: string[]): void => {
  const document = draft as Document;
  for (const path of detailPaths) {
    const read = document.paths[path]?.get;
    if (!read) continue;
    read.parameters = [
      ...(read.parameters ?? []).filter((parameter) => parameter.name !== 'translation'),
      {
        name: 'translation',
        in: 'query',
        required: false,
        description: '`true` adds `meta.translation` (source locale, state, when the source last changed)',
        schema: { type: 'string', enum: ['true', 'false'] },
      },
    ];
  }
  const detailMeta = document.components.schemas.PasserelleDetailMeta;
  if (detailMeta?.properties) detailMeta.properties.translation = { $ref: '#/components/schemas/TranslationMeta' };
};
