// Named to load before the core router, whose `/articles/:id` would otherwise take `/articles/embargoed`.
import { ERRORS, errorResponse, localeParameter, type DocumentedRoute } from '../../../lib/openapi/openApiPieces';

/**
 * Releases still under embargo, for journalists. Only API tokens holding the
 * `api::article.article.embargoed` permission reach it; the Public role never has it.
 */
const routes: DocumentedRoute[] = [
  {
    method: 'GET',
    path: '/articles/embargoed',
    handler: 'api::article.article.embargoed',
    config: { middlewares: ['api::article.article-populate'] },
    openapi: {
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
];

export default { routes };
