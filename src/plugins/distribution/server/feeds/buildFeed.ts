import escapeHtml from 'escape-html';
import type { EntryImage, PublicEntry } from '../publicEntry';
import type { FeedFormat } from './feedChannels';

export type FeedInput = {
  title: string;
  description: string;
  /** BCP 47 language of every item (the requested locale). */
  language: string;
  /** Home page of the site, in that language. */
  siteUrl: string;
  /** Absolute addresses of this feed in each format, for `rel="self"` and `feed_url`. */
  selfUrls: Record<FeedFormat, string>;
  publisher: { name: string; url: string };
  items: PublicEntry[];
};

/*
 * The three formats are written here directly, in the layout the `feed` library (4.2.2, through
 * `xml-js`) wrote them until December 2026, byte for byte where it wrote them right
 * (tests/unit/feeds/buildFeed.test.ts compares the two on random feeds). Writing through it cost
 * a third of an uncached feed's CPU (a tree of objects, then its serialization), and it let through
 * XML that readers reject: a second `]]>` in a title, `&` in an Atom category or an enclosure's
 * address, control characters. Here every value is escaped for where it goes.
 */

/** Code points XML 1.0 allows nowhere (§2.2: C0 controls but tab and line ends, U+FFFE, U+FFFF, lone surrogates): left out. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const xmlChars = (value: string): string => value.replace(NOT_XML, '');

const xmlText = (value: string): string => xmlChars(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Tabs and line ends as references: a parser turns them into spaces in an attribute (XML 1.0 §3.3.3). */
const lineEndsAsReferences = (value: string): string => value.replace(/[\t\n\r]/g, (character) => `&#${character.charCodeAt(0)};`);

const xmlAttribute = (value: string): string =>
  lineEndsAsReferences(xmlChars(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;'));

/** As the library's Atom additions escaped their attributes (`escape-html`: `'` and `>` too), line ends kept. */
const htmlEscapedAttribute = (value: string): string => lineEndsAsReferences(escapeHtml(xmlChars(value)));

/** Every `]]>` split across two sections, so that no text ends its section early. */
const cdata = (value: string): string => `<![CDATA[${xmlChars(value).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** Four spaces a level, one element a line, as `xml-js` indents. */
const line = (depth: number, content: string): string => `${'    '.repeat(depth)}${content}`;

/** An element of text; an empty one closes itself (`<id/>`) where the library wrote a bare string. */
const element = (depth: number, name: string, text: string, { selfClosingWhenEmpty = false } = {}): string =>
  selfClosingWhenEmpty && text === '' ? line(depth, `<${name}/>`) : line(depth, `<${name}>${xmlText(text)}</${name}>`);

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** Stable as long as the items are: never "now", so an unchanged feed keeps its ETag. */
const updatedOf = (input: FeedInput): Date => input.items.reduce((latest, item) => (item.date > latest ? item.date : latest), new Date(0));

const copyrightOf = (input: FeedInput): string => `© ${input.publisher.name}`;

/** The cover's media type, else guessed from its file name (`image/` and the extension), as RSS requires one. */
const enclosureType = (image: EntryImage): string => {
  if (image.mime) return image.mime;
  let path = image.url.split(/[?#]/)[0];
  try {
    path = new URL(image.url).pathname;
  } catch {
    // A relative address: its own path.
  }
  return `image/${path.split('.').slice(-1)[0]}`;
};

const rssItem = (item: PublicEntry): string[] => [
  line(2, '<item>'),
  ...(item.title ? [line(3, `<title>${cdata(item.title)}</title>`)] : []),
  ...(item.url ? [element(3, 'link', item.url), element(3, 'guid', item.url)] : []),
  element(3, 'pubDate', item.date.toUTCString()),
  ...(item.summary ? [line(3, `<description>${cdata(item.summary)}</description>`)] : []),
  ...item.categories.map((name) => element(3, 'category', name)),
  // RSS requires a length; 0 is the usual "unknown" when the provider's file cannot be measured.
  ...(item.image
    ? [
        line(
          3,
          `<enclosure length="${item.image.bytes ?? 0}" type="${xmlAttribute(enclosureType(item.image))}" url="${xmlAttribute(item.image.url)}"/>`
        ),
      ]
    : []),
  line(2, '</item>'),
];

const rss = (input: FeedInput): string =>
  [
    DECLARATION,
    `<rss version="2.0"${input.selfUrls.rss ? ' xmlns:atom="http://www.w3.org/2005/Atom"' : ''}>`,
    line(1, '<channel>'),
    element(2, 'title', input.title),
    element(2, 'link', input.siteUrl),
    element(2, 'description', input.description),
    element(2, 'lastBuildDate', updatedOf(input).toUTCString()),
    element(2, 'docs', 'https://validator.w3.org/feed/docs/rss2.html'),
    element(2, 'generator', 'Passerelle'),
    ...(input.language ? [element(2, 'language', input.language)] : []),
    element(2, 'copyright', copyrightOf(input)),
    ...(input.selfUrls.rss
      ? [line(2, `<atom:link href="${xmlAttribute(input.selfUrls.rss)}" rel="self" type="application/rss+xml"/>`)]
      : []),
    ...input.items.flatMap(rssItem),
    line(1, '</channel>'),
    '</rss>',
  ].join('\n');

/** Atom has no enclosure element: a cover is `<link rel="enclosure">`, with its type, size and alt text when known. */
const atomEnclosure = (image: EntryImage): string => {
  const attributes = [
    `rel="enclosure"`,
    `href="${htmlEscapedAttribute(image.url)}"`,
    image.mime ? `type="${htmlEscapedAttribute(image.mime)}"` : '',
    image.bytes ? `length="${image.bytes}"` : '',
    `title="${htmlEscapedAttribute(image.alt)}"`,
  ].filter(Boolean);
  return line(2, `<link ${attributes.join(' ')}/>`);
};

const atomAuthor = (depth: number, name: string, uri?: string): string[] => [
  line(depth, '<author>'),
  element(depth + 1, 'name', name, { selfClosingWhenEmpty: true }),
  ...(uri ? [element(depth + 1, 'uri', uri)] : []),
  line(depth, '</author>'),
];

const atomEntry = (input: FeedInput, item: PublicEntry): string[] => [
  line(1, '<entry>'),
  line(2, `<title type="html">${cdata(item.title)}</title>`),
  element(2, 'id', item.url, { selfClosingWhenEmpty: true }),
  ...(item.image ? [atomEnclosure(item.image)] : []),
  line(2, `<link href="${xmlAttribute(item.url)}"/>`),
  element(2, 'updated', item.date.toISOString()),
  ...(item.summary ? [line(2, `<summary type="html">${cdata(item.summary)}</summary>`)] : []),
  ...atomAuthor(2, item.author ?? input.publisher.name),
  // Atom requires `term` (RFC 4287 §4.2.2); `label` is the reader's text.
  ...item.categories.map((name) => line(2, `<category label="${xmlAttribute(name)}" term="${xmlAttribute(name)}"/>`)),
  element(2, 'published', item.date.toISOString()),
  line(1, '</entry>'),
];

const atom = (input: FeedInput): string =>
  [
    DECLARATION,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${htmlEscapedAttribute(input.language)}">`,
    element(1, 'id', input.selfUrls.atom, { selfClosingWhenEmpty: true }),
    element(1, 'title', input.title, { selfClosingWhenEmpty: true }),
    element(1, 'updated', updatedOf(input).toISOString()),
    element(1, 'generator', 'Passerelle'),
    ...atomAuthor(1, input.publisher.name, input.publisher.url),
    ...(input.siteUrl ? [line(1, `<link rel="alternate" href="${xmlAttribute(input.siteUrl)}"/>`)] : []),
    ...(input.selfUrls.atom ? [line(1, `<link rel="self" href="${xmlAttribute(input.selfUrls.atom)}"/>`)] : []),
    ...(input.description ? [element(1, 'subtitle', input.description)] : []),
    element(1, 'rights', copyrightOf(input)),
    ...input.items.flatMap((item) => atomEntry(input, item)),
    '</feed>',
  ].join('\n');

/** An author as JSON Feed 1.1 lists one: only what is known. */
const jsonAuthor = (name: string, url?: string) => ({ ...(name ? { name } : {}), ...(url ? { url } : {}) });

/** JSON Feed 1.1: covers go as `image` and `attachments`, and every item has text content, which 1.1 requires. */
const jsonItem = (input: FeedInput, item: PublicEntry) => ({
  id: item.url,
  url: item.url || undefined,
  title: item.title || undefined,
  summary: item.summary || undefined,
  date_modified: item.date.toISOString(),
  date_published: item.date.toISOString(),
  tags: item.categories.filter(Boolean),
  content_text: item.summary ?? item.title,
  language: input.language,
  authors: [jsonAuthor(item.author ?? input.publisher.name)],
  image: item.image?.url,
  attachments: item.image
    ? [
        {
          url: item.image.url,
          mime_type: item.image.mime ?? 'image/jpeg',
          title: item.image.alt,
          ...(item.image.bytes ? { size_in_bytes: item.image.bytes } : {}),
        },
      ]
    : undefined,
});

const jsonFeed = (input: FeedInput): string => {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: input.title,
    home_page_url: input.siteUrl || undefined,
    feed_url: input.selfUrls.json || undefined,
    description: input.description || undefined,
    items: input.items.map((item) => jsonItem(input, item)),
    language: input.language,
    authors: [jsonAuthor(input.publisher.name, input.publisher.url)],
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
};

const WRITERS: Record<FeedFormat, (input: FeedInput) => string> = { rss, atom, json: jsonFeed };

/** One feed in RSS 2.0, Atom 1.0 or JSON Feed 1.1. */
export const buildFeed = (input: FeedInput, format: FeedFormat): string => WRITERS[format](input);
