// Named to load before the core router, whose `/articles/:id` would otherwise take `/articles/embargoed`.
/**
 * Releases still under embargo, for journalists. Only API tokens holding the
 * `api::article.article.embargoed` permission reach it; the Public role never has it.
 */
export default {
  routes: [
    {
      method: 'GET' as const,
      path: '/articles/embargoed',
      handler: 'api::article.article.embargoed',
      config: { middlewares: ['api::article.article-populate'] },
    },
  ],
};
