import { FEED_CONTENT_TYPES, FEED_FORMATS } from '../feeds/feedChannels';
import { ERRORS, HTTP_CACHE_NOTE, localeParameter, type DocumentedRoute } from '../../../../lib/openapi/openApiPieces';

const xml = { schema: { type: 'string', description: 'XML' } };

/** The `feed` path parameter; its description and pattern name the configured channels (see `describeFeedChannels`). */
const feedParameter = {
  name: 'feed',
  in: 'path',
  required: true,
  description: '',
  schema: { type: 'string', pattern: '', example: '' },
};

/** Names the configured channels in the route's OpenAPI operation; called at register, before the document is generated. */
export const describeFeedChannels = (channels: string[]): void => {
  feedParameter.description = `\`<channel>.<format>\`: channel one of ${channels.join(', ')}; format one of ${FEED_FORMATS.join(', ')}. Unknown channel: 404; unknown format: 400 naming \`format\`.`;
  feedParameter.schema.pattern = `^(${channels.join('|')})\\.(${FEED_FORMATS.join('|')})$`;
  feedParameter.schema.example = `${channels[0]}.rss`;
};

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
      parameters: [localeParameter('path'), feedParameter],
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
