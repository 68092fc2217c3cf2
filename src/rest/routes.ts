/**
 * Route configuration shared by the types: the default-population middleware on every public read,
 * and the slug lookup route. Keeps each type's route files to one call.
 */
export const readRouteConfig = (type: string) => {
  // One object per route: Strapi (5.54) writes each route's permission scope into its config object,
  // so a shared one gave findOne the scope of find.
  const config = () => ({ middlewares: [`api::${type}.${type}-populate`] });
  return { find: config(), findOne: config() };
};

export const slugRoutes = (type: string, pluralPath: string) => ({
  routes: [
    {
      method: 'GET' as const,
      path: `/${pluralPath}/slug/:slug`,
      handler: `api::${type}.${type}.findBySlug`,
      config: { middlewares: [`api::${type}.${type}-populate`] },
    },
  ],
});
