import { ERRORS, localeParameter, slugParameter, type DocumentedRoute } from '../../../lib/openapi/openApiPieces';

/** The press kit of a release: its text, hi-res images and credits, as one ZIP. */
const routes: DocumentedRoute[] = [
  {
    method: 'GET',
    path: '/articles/slug/:slug/press-kit.zip',
    handler: 'press-kit.download',
    config: {},
    openapi: {
      operationId: 'get/articles/slug/{slug}/press-kit.zip',
      tags: ['Article'],
      summary: 'The press kit of a published article: release.md, hi-res images and credits, as a ZIP',
      description:
        'Published and visible only: an embargoed release is a 404 until its embargo ends, for everyone. Never cached by shared caches.',
      security: [],
      parameters: [slugParameter, localeParameter('query')],
      responses: {
        200: { description: 'The ZIP archive', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } },
        ...ERRORS,
      },
    },
  },
];

export default { routes };
