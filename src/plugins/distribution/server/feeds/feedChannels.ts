/**
 * The feeds a site or a newsletter tool can subscribe to, and the formats each comes in. The one
 * list that the route, the controller, the OpenAPI description and the README follow.
 */
export const FEED_CHANNELS = ['news', 'press-releases', 'press-coverage', 'all'] as const;
export type FeedChannel = (typeof FEED_CHANNELS)[number];

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** What each channel carries: article kinds, and whether press coverage is included. Announcements read as news. */
export const CHANNEL_SOURCES: Record<FeedChannel, { articleKinds: string[]; pressCoverage: boolean }> = {
  news: { articleKinds: ['news', 'announcement'], pressCoverage: false },
  'press-releases': { articleKinds: ['press-release'], pressCoverage: false },
  'press-coverage': { articleKinds: [], pressCoverage: true },
  all: { articleKinds: ['news', 'announcement', 'press-release'], pressCoverage: true },
};

/** Feed titles per channel and locale; any other locale uses English. */
export const CHANNEL_TITLES: Record<FeedChannel, Record<string, string>> = {
  news: { fr: 'Actualités', en: 'News' },
  'press-releases': { fr: 'Communiqués de presse', en: 'Press releases' },
  'press-coverage': { fr: 'Revue de presse', en: 'Press coverage' },
  all: { fr: 'Toutes les publications', en: 'Everything published' },
};

/** How many items a feed carries. */
export const FEED_SIZE = 30;

export const isFeedChannel = (value: string): value is FeedChannel => (FEED_CHANNELS as readonly string[]).includes(value);
export const isFeedFormat = (value: string): value is FeedFormat => (FEED_FORMATS as readonly string[]).includes(value);
