import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Api => ({
  rest: {
    defaultLimit: env.int('API_DEFAULT_PAGE_SIZE', 25),
    // Capped so one request cannot ask the database for the whole newsroom at once.
    maxLimit: env.int('API_MAX_PAGE_SIZE', 100),
    withCount: true,
  },
});

export default config;
