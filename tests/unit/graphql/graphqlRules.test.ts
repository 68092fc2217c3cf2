import { toGraphqlFilter } from '../../../src/plugins/public-api/server/graphql/graphqlRules';
import { PUBLIC_READER, visibilityFilter } from '../../../src/plugins/visibility/server/visibilityRules';

describe('toGraphqlFilter', () => {
  it('spells the shared visibility filter with GraphQL operators', () => {
    const filter = visibilityFilter({ embargo: 'embargoUntil', schedule: 'visibleFrom' }, new Date('2031-03-02T08:00:00Z'), PUBLIC_READER);
    expect(toGraphqlFilter(filter)).toEqual({
      and: [
        { or: [{ visibleFrom: { null: true } }, { visibleFrom: { lte: '2031-03-02T08:00:00.000Z' } }] },
        { or: [{ embargoUntil: { null: true } }, { embargoUntil: { lte: '2031-03-02T08:00:00.000Z' } }] },
      ],
    });
  });
});
