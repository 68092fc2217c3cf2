import type { Core } from '@strapi/strapi';
import { readPublished, readPublishedSince } from '../readPublished';
import { articleEntry, editionEntry, pressCoverageEntry, type PublicEntry } from '../publicEntry';
import type { DistributionContext } from '../distributionContext';
import { ENTRY_POPULATE } from '../entryPopulate';
import { todayInSiteTimezone } from '../../../../lib/clock/clock';
import { collectDigest, type Digest } from './collectDigest';

/** More than any newsletter shows; keeps one request bounded if `since` is years ago. */
const DIGEST_LIMIT = 100;
const UPCOMING_EDITIONS_LIMIT = 10;

const present = (entry: PublicEntry | undefined): entry is PublicEntry => Boolean(entry);

/** Reads what became public since `since`, and the editions still to come; the visibility middleware applies. */
export const readDigest = async (strapi: Core.Strapi, context: DistributionContext, since: Date): Promise<Digest> => {
  const { locale } = context;
  const articles = await readPublishedSince(strapi, 'api::article.article', { locale, since, populate: ENTRY_POPULATE.article, limit: DIGEST_LIMIT });
  const coverage = await readPublishedSince(strapi, 'api::press-coverage.press-coverage', {
    locale,
    since,
    populate: ENTRY_POPULATE.pressCoverage,
    limit: DIGEST_LIMIT,
  });
  const editions = await readPublished(strapi, 'api::edition.edition', {
    locale,
    filters: { startDate: { $gt: todayInSiteTimezone() } },
    populate: ENTRY_POPULATE.edition,
    sort: [{ startDate: 'asc' }, { documentId: 'asc' }],
    limit: UPCOMING_EDITIONS_LIMIT,
  });
  return collectDigest({
    locale,
    since,
    site: { name: context.site.name, url: context.homeUrl },
    articles: articles.map((document) => articleEntry(document, context)).filter(present),
    pressCoverage: coverage.map((document) => pressCoverageEntry(document, context)).filter(present),
    upcomingEditions: editions.map((document) => editionEntry(document, context)).filter(present),
  });
};
