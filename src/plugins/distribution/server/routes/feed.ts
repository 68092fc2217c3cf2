import { FEED_CHANNELS, FEED_CONTENT_TYPES, FEED_FORMATS } from '../feeds/feedChannels';
import { ERRORS, HTTP_CACHE_NOTE, localeParameter, type DocumentedRoute } from '../../../public-api/server/openapi/openApiPieces';

const xml = { schema: { type: 'string', description: 'XML' } };

/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 per locale and channel, e.g. `/api/feeds/fr/press-releases.rss`.
 * A Content API route: the Public role's permission, the visibility rules and HTTP caching apply.
 */
const routes: DocumentedRoute[] = [
  {
    method: 'GET',
    path: '/feeds/:locale/:feed',
    handler: 'feed.find',
    openapi: {
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
          content: {
            [FEED_CONTENT_TYPES.rss.split(';')[0]]: xml,
            [FEED_CONTENT_TYPES.atom.split(';')[0]]: xml,
            [FEED_CONTENT_TYPES.json.split(';')[0]]: { schema: { $ref: '#/components/schemas/PasserelleJsonFeed' } },
          },
        },
        ...ERRORS,
      },
    },
  },
];

export default { routes };
