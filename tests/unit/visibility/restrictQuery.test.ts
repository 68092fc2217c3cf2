import { checkSort, restrictFilters, restrictPopulate, type QueryRules } from '../../../src/plugins/visibility/server/restrictQuery';

const models: Record<string, Record<string, { type: string; target?: string; component?: string; relation?: string }>> = {
  'api::edition.edition': {
    title: { type: 'string' },
    articles: { type: 'relation', relation: 'manyToMany', target: 'api::article.article' },
    workshops: { type: 'component', component: 'programme.workshop' },
  },
  'api::article.article': {
    title: { type: 'string' },
    pressContacts: { type: 'relation', relation: 'manyToMany', target: 'api::person.person' },
  },
  'api::person.person': { name: { type: 'string' }, email: { type: 'email' } },
  'programme.workshop': { title: { type: 'string' }, host: { type: 'relation', relation: 'oneToOne', target: 'api::article.article' } },
};
const HIDE = { hidden: true };

/** Lookups recorded as `uid(where)` and answered with ids named after the call. */
const recordingRules = () => {
  const calls: string[] = [];
  const rules: QueryRules = {
    attributesOf: (uid) => models[uid],
    filterFor: () => HIDE,
    isPrivate: (uid, field) => uid === 'api::person.person' && field === 'email',
    restricts: (uid) => uid.startsWith('api::'),
    findIds: (uid, where) => {
      calls.push(`${uid} ${JSON.stringify(where)}`);
      return Promise.resolve([`${uid}#${calls.length}`]);
    },
  };
  return { rules, calls };
};

describe('restrictFilters', () => {
  it('keeps plain fields as they are', async () => {
    const { rules, calls } = recordingRules();
    expect(await restrictFilters({ title: { $eq: 'x' } }, 'api::edition.edition', rules)).toEqual({ title: { $eq: 'x' } });
    expect(calls).toEqual([]);
  });

  it('turns a relation branch into ids of the holding rows linked to visible, published matches', async () => {
    const { rules, calls } = recordingRules();
    const result = await restrictFilters({ $not: { articles: { title: { $startsWith: 'F' } } } }, 'api::edition.edition', rules);
    expect(result).toEqual({ $not: { id: { $in: ['api::edition.edition#2'] } } });
    expect(calls).toEqual([
      'api::article.article {"$and":[{"title":{"$startsWith":"F"}},{"publishedAt":{"$notNull":true}},{"hidden":true}]}',
      'api::edition.edition {"articles":{"id":{"$in":["api::article.article#1"]}}}',
    ]);
  });

  it('goes through components, keeping the component join', async () => {
    const { rules } = recordingRules();
    expect(await restrictFilters({ workshops: { host: { title: { $eq: 'x' } } } }, 'api::edition.edition', rules)).toEqual({
      workshops: { id: { $in: ['programme.workshop#2'] } },
    });
  });

  it('reads $null on a relation as "no visible document linked"', async () => {
    const { rules } = recordingRules();
    expect(await restrictFilters({ articles: { $null: 'true' } }, 'api::edition.edition', rules)).toEqual({
      $not: { id: { $in: ['api::edition.edition#2'] } },
    });
    expect(await restrictFilters({ articles: { $notNull: true } }, 'api::edition.edition', recordingRules().rules)).toEqual({
      id: { $in: ['api::edition.edition#2'] },
    });
  });

  it.each([
    [{ email: { $startsWith: 'a' } }, 'api::person.person', 'filters.email'],
    [{ articles: { pressContacts: { email: { $eq: 'a' } } } }, 'api::edition.edition', 'filters.articles.pressContacts.email'],
    [{ $or: [{ name: 'x' }, { email: 'y' }] }, 'api::person.person', 'filters.$or.1.email'],
  ])('refuses %j on %s, naming %s', async (filters, uid, path) => {
    const { rules } = recordingRules();
    await expect(restrictFilters(filters, uid, rules)).rejects.toMatchObject({ details: { errors: [{ path: path.split('.') }] } });
  });

  it('refuses relation branches where ids cannot be looked up', async () => {
    const { rules } = recordingRules();
    await expect(
      restrictFilters({ articles: { title: 'x' } }, 'api::edition.edition', { ...rules, findIds: undefined })
    ).rejects.toMatchObject({
      details: { errors: [{ path: ['filters', 'articles'] }] },
    });
  });
});

describe('checkSort', () => {
  it.each([
    ['title:asc', undefined],
    [['title', 'workshops.title:desc'], undefined],
    ['articles.title', 'sort.articles'],
    [{ workshops: { host: { title: 'asc' } } }, 'sort.workshops.host'],
  ])('%j → %s', (sort, refused) => {
    const { rules } = recordingRules();
    if (refused) expect(() => checkSort(sort, 'api::edition.edition', rules)).toThrow(refused);
    else expect(() => checkSort(sort, 'api::edition.edition', rules)).not.toThrow();
  });

  it('refuses a private field', () => {
    expect(() => checkSort('email', 'api::person.person', recordingRules().rules)).toThrow('sort.email');
  });
});

describe('restrictPopulate', () => {
  it('rewrites the filters and checks the sort of populated relations', async () => {
    const { rules } = recordingRules();
    const populate = await restrictPopulate(
      { articles: { filters: { pressContacts: { name: 'x' } }, sort: 'title' } },
      'api::edition.edition',
      rules
    );
    expect(populate).toEqual({ articles: { filters: { id: { $in: ['api::article.article#2'] } }, sort: 'title' } });
    await expect(restrictPopulate({ articles: { sort: 'pressContacts.name' } }, 'api::edition.edition', rules)).rejects.toThrow(
      'populate.articles.sort.pressContacts'
    );
  });
});
