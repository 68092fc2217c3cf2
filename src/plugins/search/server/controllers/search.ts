import type { Core } from '@strapi/strapi';
import { readerAccessOf } from '../passerelle';
import type { SearchService } from '../searchService';

type Context = Parameters<Core.MiddlewareHandler>[0];

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const search = strapi.plugin('search').service<SearchService>('search');
    ctx.body = await search.search(ctx.query, readerAccessOf(ctx));
  },
});
