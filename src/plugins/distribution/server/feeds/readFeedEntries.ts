import type { Core, UID } from '@strapi/strapi';
import { newestFirst, type PublicEntry } from '../publicEntry';
import type { DistributionContext } from '../distributionContext';
import { withExactBytes } from '../exactBytes';
import { distributionConfig } from '../config';
import { readNewestEntries } from '../readEntries';
import type { FeedChannel } from './feedChannels';

/** The newest public entries of a channel in one locale, from each of its sources; visibility is applied by the Document Service, or by the read model's stored reads. */
export const readFeedEntries = async (strapi: Core.Strapi, channel: FeedChannel, context: DistributionContext): Promise<PublicEntry[]> => {
  const config = distributionConfig(strapi);
  const size = config.feeds.size;
  const entries: PublicEntry[] = [];
  for (const source of channel.sources) {
    const uid = source.type as UID.ContentType;
    entries.push(
      ...(await readNewestEntries(strapi, uid, config.entries[uid], context, {
        locale: context.locale,
        filters: source.filters,
        limit: size,
      }))
    );
  }
  return withExactBytes(strapi, newestFirst(entries).slice(0, size));
};
