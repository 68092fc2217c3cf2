import type { Core } from '@strapi/strapi';
import { readerAccessOf } from './passerelle';
import { SEARCH_ACTION } from './routes';
import type { SearchService } from './searchService';

const typeDefs = `
  type SearchEmbargo { until: String! active: Boolean! }
  type SearchHit {
    type: String!
    kind: String
    documentId: ID!
    locale: String!
    title: String!
    slug: String
    url: String
    "HTML: the text around the first match, escaped, with <mark> around matching words"
    snippet: String!
    score: Float!
    embargo: SearchEmbargo
  }
  "totalIsExact is false when more entries matched than are ranked: total is then a lower bound"
  type SearchPagination { page: Int! pageSize: Int! pageCount: Int! total: Int! totalIsExact: Boolean! }
  type SearchResult { hits: [SearchHit!]! pagination: SearchPagination! }
  extend type Query {
    "Full-text search across the public content of a locale, as GET /api/search"
    search(q: String!, locale: String, type: [String!], kind: [String!], page: Int, pageSize: Int): SearchResult!
  }
`;

type Args = {
  q: string;
  locale?: string | null;
  type?: string[] | null;
  kind?: string[] | null;
  page?: number | null;
  pageSize?: number | null;
};

/**
 * The same search in GraphQL: the arguments become the REST route's parameters, so the same checks,
 * the same visibility rule and the same permission (`plugin::search.search.find`) apply.
 */
export const registerSearchQuery = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').use(() => ({
    typeDefs,
    resolvers: {
      Query: {
        search: async (_root: unknown, args: Args, context: { state?: unknown }) => {
          const pagination = Object.fromEntries(
            Object.entries({ page: args.page, pageSize: args.pageSize })
              .filter(([, value]) => value !== null && value !== undefined)
              .map(([key, value]) => [key, String(value)])
          );
          const raw: Record<string, unknown> = { q: args.q };
          if (args.locale != null) raw.locale = args.locale;
          if (args.type?.length) raw.type = args.type;
          if (args.kind?.length) raw.kind = args.kind;
          if (Object.keys(pagination).length > 0) raw.pagination = pagination;
          const search = strapi.plugin('search').service<SearchService>('search');
          const { data, meta } = await search.search(raw, readerAccessOf(context as never));
          return { hits: data, pagination: meta.pagination };
        },
      },
    },
    resolversConfig: { 'Query.search': { auth: { scope: [SEARCH_ACTION] } } },
  }));
};
