import type { Core, UID } from '@strapi/strapi';
import { readNewest } from '../readPublished';
import { newestFirst, toPublicEntry, type PublicEntry } from '../publicEntry';
import type { DistributionContext } from '../distributionContext';
import { entryFields, entryPopulate } from '../entryPopulate';
import { withExactBytes } from '../exactBytes';
import { distributionConfig } from '../config';
import type { FeedChannel } from './feedChannels';

const present = (entry: PublicEntry | undefined): entry is PublicEntry => Boolean(entry);

/** The newest public entries of a channel in one locale, from each of its sources; visibility is applied by the Document Service, or by the read model's stored reads. */
export const readFeedEntries = async (strapi: Core.Strapi, channel: FeedChannel, context: DistributionContext): Promise<PublicEntry[]> => {
  const config = distributionConfig(strapi);
  const size = config.feeds.size;
  const entries: PublicEntry[] = [];
  for (const source of channel.sources) {
    const uid = source.type as UID.ContentType;
    const mapping = config.entries[uid];
    const documents = await readNewest(strapi, uid, {
      locale: context.locale,
      filters: source.filters,
      populate: entryPopulate(strapi, uid, mapping),
      fields: entryFields(mapping),
      limit: size,
      mayReadStored: context.mayReadStored,
    });
    entries.push(...documents.map((document) => toPublicEntry(document, uid, mapping, context)).filter(present));
  }
  return withExactBytes(strapi, newestFirst(entries).slice(0, size));
};
