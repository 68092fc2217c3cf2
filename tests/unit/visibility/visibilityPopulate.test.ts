import { addVisibilityToPopulate, normalizePopulate } from '../../../src/plugins/visibility/server/visibilityPopulate';

const models: Record<string, Record<string, { type: string; target?: string; component?: string; relation?: string }>> = {
  'api::edition.edition': {
    title: { type: 'string' },
    articles: { type: 'relation', relation: 'manyToMany', target: 'api::article.article' },
    programme: { type: 'relation', relation: 'manyToOne', target: 'api::programme.programme' },
    workshops: { type: 'component', component: 'programme.workshop' },
    cover: { type: 'component', component: 'media.credited-image' },
  },
  'api::article.article': {
    partners: { type: 'relation', relation: 'manyToMany', target: 'api::partner.partner' },
  },
  'programme.workshop': { host: { type: 'relation', relation: 'oneToOne', target: 'api::partner.partner' } },
  'media.credited-image': { image: { type: 'media' } },
};
const HIDE = { hidden: true };
const filterFor = (uid: string) => (uid === 'api::programme.programme' ? undefined : HIDE);
const apply = (populate: unknown) => addVisibilityToPopulate(populate, 'api::edition.edition', (uid) => models[uid], filterFor);

describe('normalizePopulate', () => {
  it.each([
    ['*', { articles: true, programme: true, workshops: true, cover: true }],
    ['articles,cover', { articles: true, cover: true }],
    [['articles.partners'], { articles: { populate: ['partners'] } }],
    // Refused before (src/lib/queries/queryShapes.ts); read here as the names the list holds, not a crash.
    [['cover', { a: '1' }], { cover: true }],
    [{ articles: { fields: ['title'] } }, { articles: { fields: ['title'] } }],
    [undefined, undefined],
  ])('%j → %j', (populate, expected) => {
    expect(normalizePopulate(populate, models['api::edition.edition'])).toEqual(expected);
  });
});

describe('addVisibilityToPopulate', () => {
  it('filters every populated relation whose target has a rule', () => {
    expect(apply('*')).toEqual({ articles: { filters: HIDE }, programme: true, workshops: true, cover: true });
  });

  it('keeps what the client asked and adds the rule beside its own filters', () => {
    expect(apply({ articles: { fields: ['title'], filters: { kind: 'news' } } })).toEqual({
      articles: { fields: ['title'], filters: { $and: [{ kind: 'news' }, HIDE] } },
    });
  });

  it('goes down nested relations and into components', () => {
    expect(apply(['articles.partners', 'workshops.host'])).toEqual({
      articles: { filters: HIDE, populate: { partners: { filters: HIDE } } },
      workshops: { populate: { host: { filters: HIDE } } },
    });
  });
});
