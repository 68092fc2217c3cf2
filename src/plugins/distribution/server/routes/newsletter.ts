import { DIGEST_CONTENT_TYPES, DIGEST_FORMATS } from '../digest/digestQuery';
import { ERRORS, HTTP_CACHE_NOTE, localeParameter, type DocumentedRoute } from '../../../../lib/openapi/openApiPieces';

/**
 * What was published since a date, for the newsletter: JSON, or email HTML and plain text
 * (`format=html|text`), e.g. `/api/newsletter/digest?locale=fr&since=2026-11-01&format=html`.
 */
const digestDescription = (sections: string[]) =>
  `Sections: ${sections.join(', ')}. \`format=html\` is email-safe HTML, \`format=text\` its plain-text part. ${HTTP_CACHE_NOTE}`;

const routes: DocumentedRoute[] = [
  {
    method: 'GET',
    path: '/newsletter/digest',
    handler: 'newsletter.digest',
    openapi: {
      operationId: 'get/newsletter/digest',
      tags: ['Distribution'],
      summary: 'What was published since a date, grouped for a newsletter',
      description: digestDescription([]),
      security: [],
      parameters: [
        localeParameter('query'),
        {
          name: 'since',
          in: 'query',
          required: true,
          description:
            'A date (midnight in the association’s time zone) or an ISO 8601 date-time; not in the future. Otherwise a 400 naming `since`.',
          schema: {
            oneOf: [
              { type: 'string', format: 'date' },
              { type: 'string', format: 'date-time' },
            ],
            example: '2026-11-01',
          },
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
];

/** Names the configured sections in the route's OpenAPI operation; called at register, before the document is generated. */
export const describeDigestSections = (sections: string[]): void => {
  const operation = routes[0].openapi as { description: string };
  operation.description = digestDescription(sections);
};

export default { routes };
