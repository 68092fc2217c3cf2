import type { PublicEntry } from '../publicEntry';
import { newestFirst } from '../publicEntry';

/** The digest's sections, in the order a newsletter shows them. */
export const DIGEST_SECTIONS = ['news', 'pressReleases', 'pressCoverage', 'upcomingEditions'] as const;
export type DigestSection = (typeof DIGEST_SECTIONS)[number];

export type DigestItem = {
  documentId: string;
  title: string;
  summary: string | null;
  url: string;
  date: string;
  image: { url: string; alt: string; width: number | null; height: number | null } | null;
  source: { name: string; url: string | null } | null;
  startDate: string | null;
  endDate: string | null;
};

export type Digest = {
  locale: string;
  since: string;
  siteName: string;
  siteUrl: string;
  sections: Record<DigestSection, DigestItem[]>;
};

const toItem = (entry: PublicEntry): DigestItem => ({
  documentId: entry.documentId,
  title: entry.title,
  summary: entry.summary ?? null,
  url: entry.url,
  date: entry.date.toISOString(),
  image: entry.image ? { url: entry.image.url, alt: entry.image.alt, width: entry.image.width ?? null, height: entry.image.height ?? null } : null,
  source: entry.source ? { name: entry.source.name, url: entry.source.url ?? null } : null,
  startDate: entry.startDate ?? null,
  endDate: entry.endDate ?? null,
});

/**
 * Groups what became public since a date: articles by kind (announcements read as news), press
 * coverage, and the editions still to come (soonest first, whenever they were published).
 */
export const collectDigest = (input: {
  locale: string;
  since: Date;
  site: { name: string; url: string };
  articles: PublicEntry[];
  pressCoverage: PublicEntry[];
  upcomingEditions: PublicEntry[];
}): Digest => {
  const articles = newestFirst(input.articles);
  return {
    locale: input.locale,
    since: input.since.toISOString(),
    siteName: input.site.name,
    siteUrl: input.site.url,
    sections: {
      news: articles.filter((entry) => entry.kind !== 'press-release').map(toItem),
      pressReleases: articles.filter((entry) => entry.kind === 'press-release').map(toItem),
      pressCoverage: newestFirst(input.pressCoverage).map(toItem),
      upcomingEditions: [...input.upcomingEditions]
        .sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? '') || a.documentId.localeCompare(b.documentId))
        .map(toItem),
    },
  };
};

export const isEmptyDigest = (digest: Digest): boolean => DIGEST_SECTIONS.every((section) => digest.sections[section].length === 0);
