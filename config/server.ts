import type { Core } from '@strapi/strapi';
import { requiredSecret } from '../src/config/requiredSecret';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: {
    keys: requiredSecret(env, 'APP_KEYS').split(','),
  },
  webhooks: {
    populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false),
  },
  logger: {
    updates: { enabled: env.bool('STRAPI_UPDATE_NOTIFICATION', false) },
    startup: { enabled: true },
  },
  cron: {
    enabled: !env.bool('STRAPI_DISABLE_CRON', false),
  },
});

export default config;
