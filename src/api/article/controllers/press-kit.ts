import type { Core } from '@strapi/strapi';

type Context = Parameters<Core.MiddlewareHandler>[0];

/** The press kit of a release, made by the press-media plugin (config/plugins.ts names this type and its fields). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  download: async (ctx: Context): Promise<void> => {
    await strapi.plugin('press-media').service('press-kit').download(ctx);
  },
});
