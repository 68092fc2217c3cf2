import { validateDistributionConfig, type DistributionConfig } from '../../../src/plugins/distribution/server/config';
import { passerelleDistribution } from '../../../src/distribution/passerelleDistribution';

const site = {
  url: 'https://site.example',
  name: 'Blog',
  paths: { home: { default: '/{locale}' }, post: { default: '/{locale}/posts/{slug}' } },
  organization: { name: 'Blog', url: 'https://site.example' },
};

/** A site with one "post" type (title, slug, date, body): a feed by configuration alone. */
const postsOnly: DistributionConfig = {
  site,
  entries: { 'api::post.post': { title: 'title', date: 'date' } },
  feeds: { size: 20, channels: { posts: { titles: { en: 'Posts' }, sources: [{ type: 'api::post.post' }] } } },
  digest: { sections: { posts: { titles: { en: 'Posts' }, type: 'api::post.post' } } },
  jsonLd: {},
};

const errorOf = (config: unknown) => {
  try {
    validateDistributionConfig(config);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('distribution config validator', () => {
  it("accepts Passerelle's configuration and a one-type blog's", () => {
    expect(errorOf(passerelleDistribution(site))).toBeUndefined();
    expect(errorOf(postsOnly)).toBeUndefined();
  });

  it.each([
    [
      'a malformed type uid',
      { ...postsOnly, feeds: { size: 20, channels: { posts: { titles: { en: 'Posts' }, sources: [{ type: 'post' }] } } } },
      'feeds.channels.posts.sources.0.type',
    ],
    [
      'a channel source without an entry mapping',
      { ...postsOnly, entries: {} },
      'feeds.channels.posts.sources.0.type: api::post.post has no entry mapping',
    ],
    [
      'an unknown option of a mapping',
      { ...postsOnly, entries: { 'api::post.post': { title: 'title', lede: 'x' } } },
      'entries.api::post.post',
    ],
    ['a mapping without a title', { ...postsOnly, entries: { 'api::post.post': { date: 'date' } } }, 'entries.api::post.post.title'],
    ['a site address that is not a URL', { ...postsOnly, site: { ...site, url: 'site' } }, 'site.url'],
    [
      'a digest section longer than a request may read',
      { ...postsOnly, digest: { sections: { posts: { titles: { en: 'Posts' }, type: 'api::post.post', limit: 1000 } } } },
      'digest.sections.posts.limit',
    ],
    ['a JSON-LD serializer that is not a function', { ...postsOnly, jsonLd: { 'api::post.post': 'NewsArticle' } }, 'jsonLd.api::post.post'],
  ])('names the bad key for %s', (_case, config, key) => {
    expect(errorOf(config)).toContain(key);
  });
});
