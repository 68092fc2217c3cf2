import type { Core } from '@strapi/strapi';
import { configuredTypeProblems } from '../../../src/plugins/distribution/server/checkConfiguredTypes';
import type { DistributionConfig } from '../../../src/plugins/distribution/server/config';

const strapi = {
  contentTypes: { 'api::post.post': { attributes: { title: {}, slug: {}, date: {}, body: {} } } },
} as unknown as Core.Strapi;
const site = { url: 'https://blog.example', name: 'Blog', paths: {}, organization: { name: 'Blog', url: 'https://blog.example' } };
const config = (overrides: Partial<DistributionConfig>): DistributionConfig => ({
  site,
  entries: { 'api::post.post': { title: 'title', date: 'date' } },
  feeds: { size: 30, channels: { posts: { titles: { en: 'Posts' }, sources: [{ type: 'api::post.post' }] } } },
  digest: { sections: {} },
  jsonLd: {},
  ...overrides,
});

describe('configured types and fields exist', () => {
  it('accepts a post with title, slug, date and body', () => {
    expect(configuredTypeProblems(strapi, config({}))).toEqual([]);
  });

  it('names a missing field, a missing type and a missing upcoming field by key', () => {
    expect(configuredTypeProblems(strapi, config({ entries: { 'api::post.post': { title: 'title', summary: 'lede' } } }))).toEqual([
      'entries.api::post.post.summary: api::post.post has no field "lede"',
    ]);
    expect(configuredTypeProblems(strapi, config({ entries: { 'api::page.page': { title: 'title' } } }))).toEqual([
      'entries.api::page.page: no content type api::page.page',
    ]);
    expect(
      configuredTypeProblems(
        strapi,
        config({
          digest: { sections: { soon: { titles: { en: 'Soon' }, type: 'api::post.post', upcoming: { field: 'startDate', limit: 5 } } } },
        })
      )
    ).toEqual(['digest.sections.soon.upcoming.field: api::post.post has no field "startDate"']);
  });
});
