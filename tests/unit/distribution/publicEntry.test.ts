import {
  entryImage,
  newestFirst,
  toPublicEntry,
  type EntryContext,
  type PublicEntry,
} from '../../../src/plugins/distribution/server/publicEntry';
import { ENTRIES } from '../../../src/distribution/passerelleDistribution';

type Document = Parameters<typeof toPublicEntry>[0];
/** Passerelle's own mappings (src/distribution), read by the plugin's one generic builder. */
const entryOf = (uid: string) => (document: Document, context: EntryContext) => toPublicEntry(document, uid, ENTRIES[uid], context);
const articleEntry = entryOf('api::article.article');
const pressCoverageEntry = entryOf('api::press-coverage.press-coverage');
const editionEntry = entryOf('api::edition.edition');

const context: EntryContext = {
  locale: 'en',
  mediaBaseUrl: 'https://cms.example',
  timeFields: ['embargoUntil', 'visibleFrom'],
  site: {
    url: 'https://site.example',
    name: 'Diversidays',
    organization: { name: 'Diversidays', url: 'https://site.example' },
    paths: {
      article: { en: '/en/news/{slug}', default: '/{locale}/news/{slug}' },
      'press-coverage': { en: '/en/press-coverage/{slug}' },
      edition: { en: '/en/editions/{slug}' },
    },
  },
};
const cover = {
  alternativeText: 'A white footbridge',
  image: { url: '/uploads/bridge.jpg', mime: 'image/jpeg', size: 20.04, width: 1200, height: 800 },
};

describe('publicEntry', () => {
  it('builds an article entry with its site page, public date and absolute cover', () => {
    const entry = articleEntry(
      {
        documentId: 'a',
        slug: 'hello',
        title: 'Hello',
        standfirst: 'Short.',
        kind: 'press-release',
        byline: 'Press desk',
        publishedAt: '2026-11-02T09:00:00Z',
        embargoUntil: '2026-11-04T07:00:00Z',
        cover,
        tags: [{ label: 'jobs' }],
      },
      context
    );
    expect(entry).toEqual({
      type: 'article',
      documentId: 'a',
      kind: 'press-release',
      title: 'Hello',
      summary: 'Short.',
      url: 'https://site.example/en/news/hello',
      date: new Date('2026-11-04T07:00:00Z'),
      // No byte count from Strapi's rounded kilobytes (20.04 KB is not 20,040 bytes): withExactBytes measures the file.
      image: {
        url: 'https://cms.example/uploads/bridge.jpg',
        path: '/uploads/bridge.jpg',
        alt: 'A white footbridge',
        mime: 'image/jpeg',
        width: 1200,
        height: 800,
      },
      categories: ['jobs'],
      author: 'Press desk',
    });
  });

  it('leaves out what has no page yet, and falls back to the title as alt text', () => {
    expect(articleEntry({ documentId: 'a', slug: null, title: 'No slug', publishedAt: '2026-11-02T09:00:00Z' }, context)).toBeUndefined();
    expect(entryImage({ image: { url: 'https://cdn.example/x.png' } }, 'https://cms.example', 'Title')).toMatchObject({
      url: 'https://cdn.example/x.png',
      alt: 'Title',
    });
  });

  it('names the outlet of press coverage and the dates of an edition', () => {
    const coverage = pressCoverageEntry(
      {
        documentId: 'c',
        slug: 'paper',
        headline: 'In the paper',
        medium: 'print',
        outlet: { name: 'ToulÉco', website: 'https://www.touleco.fr' },
        publishedAt: '2026-11-02T09:00:00Z',
      },
      context
    );
    expect(coverage?.source).toEqual({ name: 'ToulÉco', url: 'https://www.touleco.fr' });
    const edition = editionEntry(
      { documentId: 'e', slug: 'gard', title: 'Gard', startDate: '2030-03-02', endDate: '2030-03-20', publishedAt: '2026-11-02T09:00:00Z' },
      context
    );
    expect(edition).toMatchObject({ url: 'https://site.example/en/editions/gard', startDate: '2030-03-02', endDate: '2030-03-20' });
  });

  it('dates press coverage by the day the outlet published it, not when it entered the CMS', () => {
    const coverage = pressCoverageEntry(
      { documentId: 'c', slug: 'touleco', headline: 'ToulÉco, 2020', publicationDate: '2020-09-29', publishedAt: '2026-11-29T10:00:00Z' },
      context
    );
    // Midnight in Paris (CEST, UTC+2, in September).
    expect(coverage?.date).toEqual(new Date('2020-09-28T22:00:00.000Z'));
  });

  it('sorts newest first, ties by documentId', () => {
    const at = (documentId: string, iso: string) =>
      articleEntry({ documentId, slug: documentId, title: documentId, publishedAt: iso }, context) as PublicEntry;
    const sorted = newestFirst([at('b', '2026-01-01T00:00:00Z'), at('c', '2026-02-01T00:00:00Z'), at('a', '2026-01-01T00:00:00Z')]);
    expect(sorted.map((e) => e.documentId)).toEqual(['c', 'a', 'b']);
  });

  it("reads a one-type blog's post from configuration alone: title, slug and date", () => {
    const blog: EntryContext = { ...context, site: { ...context.site, paths: { post: { default: '/{locale}/posts/{slug}' } } } };
    const post = {
      documentId: 'p',
      slug: 'hello',
      title: 'Hello',
      date: '2026-05-01',
      body: [{ type: 'paragraph', children: [] }],
      publishedAt: '2026-05-03T09:00:00Z',
    };
    expect(toPublicEntry(post, 'api::post.post', { title: 'title', date: 'date' }, blog)).toEqual({
      type: 'post',
      documentId: 'p',
      title: 'Hello',
      url: 'https://site.example/en/posts/hello',
      // The post's own date, at midnight where the association works (CEST in May).
      date: new Date('2026-04-30T22:00:00.000Z'),
      categories: [],
    });
  });
});
