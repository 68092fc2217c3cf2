import { buildSchema, parse, validate } from 'graphql';
import { graphqlLimitRules } from '../../../src/plugins/public-api/server/graphql/graphqlLimits';

const schema = buildSchema(`
  type Article { title: String, editions: [Edition] }
  type Edition { title: String, articles: [Article] }
  type Query { articles: [Article] }
`);
const limits = { maxAliases: 3, maxCost: 200 };
const errorsOf = (source: string) => validate(schema, parse(source), graphqlLimitRules(limits)).map((error) => error.message);

describe('graphqlLimitRules', () => {
  it("leaves the depth to the GraphQL plugin's own rule (each too-deep query would be reported twice)", () => {
    expect(graphqlLimitRules(limits)).toHaveLength(2);
    expect(errorsOf('{ articles { editions { articles { editions { articles { title } } } } } }')).toEqual([]);
  });

  it('counts aliases, reported as validation errors rather than thrown', () => {
    expect(errorsOf('{ a: articles { title } b: articles { title } c: articles { title } }')).toEqual([]);
    expect(errorsOf('{ a: articles { title } b: articles { title } c: articles { title } d: articles { title } }')).toEqual([
      expect.stringMatching(/Aliases limit of 3 exceeded, found 4/),
    ]);
  });

  it('weighs fields by depth', () => {
    expect(errorsOf(`{ articles { ${'title '.repeat(100)} } }`)).toEqual([]);
    expect(errorsOf(`{ articles { ${'title '.repeat(150)} } }`)).toEqual([expect.stringMatching(/Cost limit of 200 exceeded/)]);
  });
});
