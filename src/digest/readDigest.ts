import type { Core } from '@strapi/strapi';
import { readPublishedSince } from '../distribution/readPublished';
import { articleEntry, editionEntry, pressCoverageEntry, type EntryContext, type PublicEntry } from '../distribution/publicEntry';
import { ARTICLE_POPULATE, PRESS_COVERAGE_POPULATE } from '../feeds/readFeedEntries';
import { todayInSiteTimezone } from '../clock/clock';
import { collectDigest, type Digest } from './collectDigest';

/** More than any newsletter shows; keeps one request bounded if `since` is years ago. */
const DIGEST_LIMIT = 100;
const UPCOMING_EDITIONS_LIMIT = 10;

type Read = Record<string, unknown> & { documentId: string };
const present = (entry: PublicEntry | undefined): entry is PublicEntry => Boolean(entry);

/** Reads what became public since `since`, and the editions still to come; the visibility middleware applies. */
export const readDigest = async (strapi: Core.Strapi, context: EntryContext & { homeUrl: string }, since: Date): Promise<Digest> => {
  const { locale } = context;
  const articles = await readPublishedSince(strapi, 'api::article.article', { locale, since, populate: ARTICLE_POPULATE, limit: DIGEST_LIMIT });
  const coverage = await readPublishedSince(strapi, 'api::press-coverage.press-coverage', {
    locale,
    since,
    populate: PRESS_COVERAGE_POPULATE,
    limit: DIGEST_LIMIT,
  });
  const editions = (await strapi.documents('api::edition.edition').findMany({
    locale,
    status: 'published',
    filters: { startDate: { $gt: todayInSiteTimezone() } },
    populate: { cover: { populate: { image: true } } },
    sort: [{ startDate: 'asc' }, { documentId: 'asc' }],
    limit: UPCOMING_EDITIONS_LIMIT,
  } as never)) as unknown as Read[];
  return collectDigest({
    locale,
    since,
    site: { name: context.site.name, url: context.homeUrl },
    articles: articles.map((document) => articleEntry(document, context)).filter(present),
    pressCoverage: coverage.map((document) => pressCoverageEntry(document, context)).filter(present),
    upcomingEditions: editions.map((document) => editionEntry(document, context)).filter(present),
  });
};
