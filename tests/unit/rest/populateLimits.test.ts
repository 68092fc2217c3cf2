import { assertPopulateDepth, populateDepth } from '../../../src/plugins/public-api/server/rest/populateLimits';

describe('populateDepth', () => {
  it.each([
    [undefined, 0],
    ['*', 1],
    ['cover', 1],
    ['cover,tags', 1],
    ['editions.programme', 2],
    ['cover, editions.programme.editions', 3],
    [['cover', 'editions.programme.editions.cover'], 4],
    [{ cover: true }, 1],
    [{ cover: { populate: { image: true } } }, 2],
    [{ cover: { populate: '*' } }, 2],
    [{ cover: false, tags: 'false' }, 0],
    [{ editions: { populate: { programme: { populate: { editions: { populate: { cover: { populate: ['image'] } } } } } } } }, 5],
    [{ blocks: { on: { 'content.quote': { populate: { photo: { populate: { image: true } } } } } } }, 3],
    [{ blocks: { on: { 'content.quote': true } } }, 1],
    [{ editions: { fields: ['title'] } }, 1],
  ])('%j → %d', (populate, depth) => {
    expect(populateDepth(populate)).toBe(depth);
  });
});

describe('assertPopulateDepth', () => {
  it('refuses what is deeper than the limit, naming populate', () => {
    expect(() => assertPopulateDepth('a.b.c', 3)).not.toThrow();
    try {
      assertPopulateDepth('a.b.c.d', 3);
      throw new Error('accepted');
    } catch (error) {
      expect((error as { details: { errors: Array<{ path: string[] }> } }).details.errors[0].path).toEqual(['populate']);
      expect((error as Error).message).toBe('populate: 4 levels deep; public reads may populate at most 3 levels');
    }
  });
});
