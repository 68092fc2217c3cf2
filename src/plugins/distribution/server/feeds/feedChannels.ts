import type { DistributionConfig } from '../config';

/** The formats every channel comes in; channels themselves are configured (`feeds.channels`). */
export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export type FeedChannel = DistributionConfig['feeds']['channels'][string];

export const feedChannelNames = (config: DistributionConfig): string[] => Object.keys(config.feeds.channels);

/** A title in the requested locale, else English, else the first one given. */
export const inLocale = (titles: Record<string, string>, locale: string): string => titles[locale] ?? titles.en ?? Object.values(titles)[0];

export const isFeedFormat = (value: string): value is FeedFormat => (FEED_FORMATS as readonly string[]).includes(value);
