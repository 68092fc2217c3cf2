import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { validationError } from '../../../../lib/validation/validationError';
import { distributionContext } from '../distributionContext';
import { buildFeed } from '../feeds/buildFeed';
import { readFeedEntries } from '../feeds/readFeedEntries';
import { FEED_CONTENT_TYPES, FEED_FORMATS, feedChannelNames, inLocale, isFeedFormat, type FeedFormat } from '../feeds/feedChannels';
import { distributionConfig, type DistributionConfig } from '../config';

type Context = Parameters<Core.MiddlewareHandler>[0];

/** `press-releases.rss` → channel and format; an unknown channel is a missing feed (404), an unknown format a bad request (400). */
const parseFeedName = (config: DistributionConfig, name: string) => {
  const dot = name.lastIndexOf('.');
  const channel = dot > 0 ? name.slice(0, dot) : name;
  const format = dot > 0 ? name.slice(dot + 1) : '';
  if (!Object.hasOwn(config.feeds.channels, channel)) {
    throw new errors.NotFoundError(`No feed channel "${channel}"; channels: ${feedChannelNames(config).join(', ')}`);
  }
  if (!isFeedFormat(format)) {
    throw validationError([
      { path: ['format'], message: `format: unknown feed format "${format}"; formats: ${FEED_FORMATS.join(', ')} (e.g. ${channel}.rss)` },
    ]);
  }
  return { channel, format };
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const context = await distributionContext(strapi, ctx, ctx.params.locale);
    const config = distributionConfig(strapi);
    const { channel, format } = parseFeedName(config, String(ctx.params.feed));
    const items = await readFeedEntries(strapi, config.feeds.channels[channel], context);
    const title = inLocale(config.feeds.channels[channel].titles, context.locale);
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
