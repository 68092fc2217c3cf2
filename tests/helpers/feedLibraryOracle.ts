import { Feed } from 'feed';
import escapeHtml from 'escape-html';
import type { PublicEntry } from '../../src/plugins/distribution/server/publicEntry';
import type { FeedFormat } from '../../src/plugins/distribution/server/feeds/feedChannels';
import type { FeedInput } from '../../src/plugins/distribution/server/feeds/buildFeed';

/**
 * The feeds as Passerelle wrote them through the `feed` library (4.2.2) until December 2026: the oracle
 * the direct writers (buildFeed.ts) are compared with on random feeds, where the library writes right.
 */

type JsonFeedItem = Record<string, unknown> & { id: string; url?: string };

/** Stable as long as the items are: never "now", so an unchanged feed keeps its ETag. */
const updatedOf = (input: FeedInput): Date => input.items.reduce((latest, item) => (item.date > latest ? item.date : latest), new Date(0));

/** feed@4 guesses the type from the file extension unless given; undefined keys would overwrite its guess. */
const enclosureOf = (image: NonNullable<PublicEntry['image']>) => ({
  url: image.url,
  // RSS requires a length; 0 is the usual "unknown" when the provider's file cannot be measured.
  length: image.bytes ?? 0,
  ...(image.mime ? { type: image.mime } : {}),
});

const libraryFeed = (input: FeedInput): Feed => {
  const feed = new Feed({
    id: input.selfUrls.atom,
    title: input.title,
    description: input.description,
    link: input.siteUrl,
    language: input.language,
    updated: updatedOf(input),
    generator: 'Passerelle',
    feedLinks: { rss: input.selfUrls.rss, atom: input.selfUrls.atom, json: input.selfUrls.json },
    author: { name: input.publisher.name, link: input.publisher.url },
    copyright: `© ${input.publisher.name}`,
  });
  for (const item of input.items) {
    feed.addItem({
      id: item.url,
      link: item.url,
      title: item.title,
      description: item.summary,
      date: item.date,
      published: item.date,
      // Atom requires `term` (RFC 4287 §4.2.2); `name` gives RSS its text and Atom its label.
      category: item.categories.map((name) => ({ name, term: name })),
      author: [{ name: item.author ?? input.publisher.name }],
      ...(item.image ? { image: enclosureOf(item.image) } : {}),
    });
  }
  return feed;
};

/**
 * Insertions below pass a function to `String.replace`: a replacement string would read `$&`, `` $` ``
 * or `$'` inside user text (alt text, titles) as patterns and copy parts of the document there.
 */
/** feed@4 leaves the language out of Atom; `xml:lang` on the root states it for every entry. */
const addAtomLanguage = (xml: string, language: string): string =>
  xml.replace(
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    () => `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeHtml(language)}">`
  );

/** feed@4 writes no enclosures in Atom; each cover becomes `<link rel="enclosure">` after its entry's id. */
const addAtomEnclosures = (xml: string, items: PublicEntry[]): string =>
  items.reduce((out, item) => {
    if (!item.image) return out;
    const id = `<id>${item.url.replace(/&/g, '&amp;')}</id>`;
    const attributes = [
      `rel="enclosure"`,
      `href="${escapeHtml(item.image.url)}"`,
      item.image.mime ? `type="${escapeHtml(item.image.mime)}"` : '',
      item.image.bytes ? `length="${item.image.bytes}"` : '',
      `title="${escapeHtml(item.image.alt)}"`,
    ].filter(Boolean);
    return out.replace(id, () => `${id}\n        <link ${attributes.join(' ')}/>`);
  }, xml);

/**
 * feed@4 writes JSON Feed 1.0; 1.1 adds `language`, replaces `author` by `authors`, and is where
 * covers go as `image` and `attachments`. Every item gets text content, which 1.1 requires.
 */
const toJsonFeed11 = (json: string, input: FeedInput): string => {
  const feed = JSON.parse(json) as Record<string, unknown> & { items: JsonFeedItem[]; author?: unknown };
  const byUrl = new Map(input.items.map((item) => [item.url, item]));
  const { author, ...rest } = feed;
  const upgraded = {
    ...rest,
    version: 'https://jsonfeed.org/version/1.1',
    language: input.language,
    authors: author ? [author] : undefined,
    items: feed.items.map(({ author: itemAuthor, image, ...item }) => {
      const entry = byUrl.get(item.url ?? item.id);
      return {
        ...item,
        content_text: entry?.summary ?? entry?.title,
        language: input.language,
        authors: itemAuthor ? [itemAuthor] : undefined,
        image: entry?.image?.url ?? (typeof image === 'string' ? image : undefined),
        attachments: entry?.image
          ? [
              {
                url: entry.image.url,
                mime_type: entry.image.mime ?? 'image/jpeg',
                title: entry.image.alt,
                ...(entry.image.bytes ? { size_in_bytes: entry.image.bytes } : {}),
              },
            ]
          : undefined,
      };
    }),
  };
  return `${JSON.stringify(upgraded, null, 2)}\n`;
};

/** One feed in RSS 2.0, Atom 1.0 or JSON Feed 1.1, written by the `feed` library and completed where it falls short. */
export const buildFeedWithLibrary = (input: FeedInput, format: FeedFormat): string => {
  const feed = libraryFeed(input);
  if (format === 'rss') return feed.rss2();
  if (format === 'atom') return addAtomEnclosures(addAtomLanguage(feed.atom1(), input.language), input.items);
  return toJsonFeed11(feed.json1(), input);
};
