import type { Core } from '@strapi/strapi';
import { readerAccessOf } from '../passerelle';
import { CATCH_UP_RETRY_AFTER_SECONDS, IndexCatchingUpError, type SearchService } from '../searchService';

type Context = Parameters<Core.MiddlewareHandler>[0];

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const search = strapi.plugin('search').service<SearchService>('search');
    try {
      ctx.body = await search.search(ctx.query, readerAccessOf(ctx));
    } catch (error) {
      if (!(error instanceof IndexCatchingUpError)) throw error;
      // Strapi's error shape, with the status a client retries on; never stored by a cache.
      ctx.status = 503;
      ctx.set('Retry-After', String(CATCH_UP_RETRY_AFTER_SECONDS));
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: null, error: { status: 503, name: error.name, message: error.message, details: error.details } };
    }
  },
});
