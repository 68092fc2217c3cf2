import type { PublicEntry } from '../publicEntry';
import { newestFirst } from '../publicEntry';

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
  /** Section name → its items, in the order the newsletter shows them (the configuration's order). */
  sections: Record<string, DigestItem[]>;
  /** Section name → whether more became public than it shows (the newsletter then links to the site). */
  more: Record<string, boolean>;
};

const toItem = (entry: PublicEntry): DigestItem => ({
  documentId: entry.documentId,
  title: entry.title,
  summary: entry.summary ?? null,
  url: entry.url,
  date: entry.date.toISOString(),
  image: entry.image
    ? { url: entry.image.url, alt: entry.image.alt, width: entry.image.width ?? null, height: entry.image.height ?? null }
    : null,
  source: entry.source ? { name: entry.source.name, url: entry.source.url ?? null } : null,
  startDate: entry.startDate ?? null,
  endDate: entry.endDate ?? null,
});

/** One configured section's entries; `upcoming` ones keep the order read (soonest first), the others go newest first. */
export type DigestSectionInput = { name: string; entries: PublicEntry[]; upcoming: boolean; more: boolean };

/** Groups what became public since a date, section by section, and the events still to come. */
export const collectDigest = (input: {
  locale: string;
  since: Date;
  site: { name: string; url: string };
  sections: DigestSectionInput[];
}): Digest => ({
  locale: input.locale,
  since: input.since.toISOString(),
  siteName: input.site.name,
  siteUrl: input.site.url,
  sections: Object.fromEntries(
    input.sections.map(({ name, entries, upcoming }) => [name, (upcoming ? entries : newestFirst(entries)).map(toItem)])
  ),
  more: Object.fromEntries(input.sections.map(({ name, more }) => [name, more])),
});

export const isEmptyDigest = (digest: Digest): boolean => Object.values(digest.sections).every((items) => items.length === 0);
