import type { Core } from '@strapi/strapi';
import { readerAccessOf } from '../passerelle';
import type { SearchService } from '../searchService';

type Context = Parameters<Core.MiddlewareHandler>[0];

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const search = strapi.plugin('search').service('search') as SearchService;
    ctx.body = await search.search(ctx.query as Record<string, unknown>, readerAccessOf(ctx as never));
  },
});
