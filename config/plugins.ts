import type { Core } from '@strapi/strapi';
import { requiredSecret } from '../src/config/requiredSecret';

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  'users-permissions': {
    config: {
      jwtSecret: requiredSecret(env, 'JWT_SECRET'),
    },
  },
});

export default config;
