import type { Core } from '@strapi/strapi';
import { requiredSecret } from '../src/config/requiredSecret';

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  'users-permissions': {
    config: {
      jwtSecret: requiredSecret(env, 'JWT_SECRET'),
    },
  },
  graphql: {
    config: {
      // The Apollo Sandbox at /graphql helps in development; production serves no playground.
      landingPage: env('NODE_ENV', 'development') !== 'production',
      defaultLimit: env.int('API_DEFAULT_PAGE_SIZE', 25),
      maxLimit: env.int('API_MAX_PAGE_SIZE', 100),
      depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 10),
    },
  },
});

export default config;
