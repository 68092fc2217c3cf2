import {
  defaultDistributionConfig,
  type DistributionConfig,
  type EntryMapping,
  type SiteConfig,
} from '../plugins/distribution/server/config';
import { newsArticleJsonLd } from './jsonld/newsArticle';
import { eventJsonLd } from './jsonld/event';
import { associationJsonLd, partnerJsonLd } from './jsonld/organization';

const ARTICLE = 'api::article.article';
const PRESS_COVERAGE = 'api::press-coverage.press-coverage';
const EDITION = 'api::edition.edition';

/** How Passerelle's types read as feed and digest entries. */
export const ENTRIES: Record<string, EntryMapping> = {
  [ARTICLE]: {
    title: 'title',
    summary: 'standfirst',
    image: 'cover',
    kind: { field: 'kind', default: 'news' },
    categories: { field: 'tags', label: 'label' },
    author: 'byline',
  },
  [PRESS_COVERAGE]: {
    title: 'headline',
    summary: 'summary',
    // The day the outlet published the piece, not the day staff entered it.
    date: 'publicationDate',
    image: 'photo',
    kind: { field: 'medium', default: 'online' },
    author: 'journalist',
    source: { field: 'outlet', name: 'name', website: 'website', originalUrl: 'originalUrl' },
  },
  [EDITION]: {
    title: 'title',
    summary: 'summary',
    image: 'cover',
    kind: { field: 'format', default: 'online' },
    startDate: 'startDate',
    endDate: 'endDate',
  },
};

// Announcements read as news.
const NEWS = { kind: { $in: ['news', 'announcement'] } };
const PRESS_RELEASES = { kind: { $in: ['press-release'] } };

/** Passerelle's distribution plugin configuration: its feeds, digest sections and JSON-LD, on the site config/site.ts reads. */
export const passerelleDistribution = (
  site: SiteConfig,
  sitemap: DistributionConfig['sitemap'] = defaultDistributionConfig.sitemap
): DistributionConfig => ({
  site,
  sitemap,
  entries: ENTRIES,
  feeds: {
    size: 30,
    channels: {
      news: { titles: { fr: 'Actualités', en: 'News' }, sources: [{ type: ARTICLE, filters: NEWS }] },
      'press-releases': {
        titles: { fr: 'Communiqués de presse', en: 'Press releases' },
        sources: [{ type: ARTICLE, filters: PRESS_RELEASES }],
      },
      'press-coverage': { titles: { fr: 'Revue de presse', en: 'Press coverage' }, sources: [{ type: PRESS_COVERAGE }] },
      all: {
        titles: { fr: 'Toutes les publications', en: 'Everything published' },
        sources: [{ type: ARTICLE, filters: { kind: { $in: ['news', 'announcement', 'press-release'] } } }, { type: PRESS_COVERAGE }],
      },
    },
  },
  digest: {
    sections: {
      news: { titles: { fr: 'Actualités', en: 'News' }, type: ARTICLE, filters: NEWS },
      pressReleases: { titles: { fr: 'Communiqués de presse', en: 'Press releases' }, type: ARTICLE, filters: PRESS_RELEASES },
      pressCoverage: { titles: { fr: 'Revue de presse', en: 'Press coverage' }, type: PRESS_COVERAGE },
      upcomingEditions: {
        titles: { fr: 'Prochaines éditions', en: 'Upcoming editions' },
        type: EDITION,
        upcoming: { field: 'startDate', limit: 10 },
      },
    },
  },
  jsonLd: {
    [ARTICLE]: newsArticleJsonLd,
    [EDITION]: eventJsonLd,
    'api::partner.partner': partnerJsonLd,
    'api::manifesto.manifesto': associationJsonLd,
  },
});
