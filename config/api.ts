import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Api => ({
  rest: {
    defaultLimit: env.int('API_DEFAULT_PAGE_SIZE', 25),
    // Capped so one request cannot ask the database for the whole newsroom at once.
    maxLimit: env.int('API_MAX_PAGE_SIZE', 100),
    withCount: true,
    // Unknown query parameters are a 400 naming them, rather than silently ignored (see README, "HTTP caching").
    strictParams: env.bool('API_STRICT_PARAMS', true),
  },
});

export default config;
