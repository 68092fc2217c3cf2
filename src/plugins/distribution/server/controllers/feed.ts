import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { validationError } from '../../../editorial-rules/server/validation/validationError';
import { distributionContext } from '../distributionContext';
import { buildFeed } from '../feeds/buildFeed';
import { readFeedEntries } from '../feeds/readFeedEntries';
import { CHANNEL_TITLES, FEED_CHANNELS, FEED_CONTENT_TYPES, FEED_FORMATS, isFeedChannel, isFeedFormat, type FeedFormat } from '../feeds/feedChannels';

type Context = Parameters<Core.MiddlewareHandler>[0];

/** `press-releases.rss` → channel and format; an unknown channel is a missing feed (404), an unknown format a bad request (400). */
const parseFeedName = (name: string) => {
  const dot = name.lastIndexOf('.');
  const channel = dot > 0 ? name.slice(0, dot) : name;
  const format = dot > 0 ? name.slice(dot + 1) : '';
  if (!isFeedChannel(channel)) {
    throw new errors.NotFoundError(`No feed channel "${channel}"; channels: ${FEED_CHANNELS.join(', ')}`);
  }
  if (!isFeedFormat(format)) {
    throw validationError([{ path: ['format'], message: `format: unknown feed format "${format}"; formats: ${FEED_FORMATS.join(', ')} (e.g. ${channel}.rss)` }]);
  }
  return { channel, format };
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const context = await distributionContext(strapi, ctx, ctx.params.locale);
    const { channel, format } = parseFeedName(String(ctx.params.feed));
    const items = await readFeedEntries(strapi, channel, context);
    const title = CHANNEL_TITLES[channel][context.locale] ?? CHANNEL_TITLES[channel].en;
    const selfUrl = (f: FeedFormat) => `${context.cmsUrl}${context.apiPrefix}/feeds/${context.locale}/${channel}.${f}`;
    ctx.type = FEED_CONTENT_TYPES[format];
    ctx.body = buildFeed(
      {
        title: `${context.site.name} — ${title}`,
        description: title,
        language: context.locale,
        siteUrl: context.homeUrl,
        selfUrls: { rss: selfUrl('rss'), atom: selfUrl('atom'), json: selfUrl('json') },
        publisher: { name: context.site.organization.name, url: context.site.organization.url },
        items,
      },
      format
    );
  },
});
