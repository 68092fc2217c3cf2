import type { Core } from '@strapi/strapi';
import { readNewest } from '../readPublished';
import { articleEntry, newestFirst, pressCoverageEntry, type EntryContext, type PublicEntry } from '../publicEntry';
import { ENTRY_POPULATE } from '../entryPopulate';
import { withExactBytes } from '../exactBytes';
import { CHANNEL_SOURCES, FEED_SIZE, type FeedChannel } from './feedChannels';

const present = (entry: PublicEntry | undefined): entry is PublicEntry => Boolean(entry);

/** The newest public entries of a channel in one locale; visibility is applied by the Document Service. */
export const readFeedEntries = async (strapi: Core.Strapi, channel: FeedChannel, context: EntryContext): Promise<PublicEntry[]> => {
  const sources = CHANNEL_SOURCES[channel];
  const entries: PublicEntry[] = [];
  if (sources.articleKinds.length > 0) {
    const articles = await readNewest(strapi, 'api::article.article', {
      locale: context.locale,
      filters: { kind: { $in: sources.articleKinds } },
      populate: ENTRY_POPULATE.article,
      limit: FEED_SIZE,
    });
    entries.push(...articles.map((document) => articleEntry(document, context)).filter(present));
  }
  if (sources.pressCoverage) {
    const coverage = await readNewest(strapi, 'api::press-coverage.press-coverage', {
      locale: context.locale,
      populate: ENTRY_POPULATE.pressCoverage,
      limit: FEED_SIZE,
    });
    entries.push(...coverage.map((document) => pressCoverageEntry(document, context)).filter(present));
  }
  return withExactBytes(strapi, newestFirst(entries).slice(0, FEED_SIZE));
};
