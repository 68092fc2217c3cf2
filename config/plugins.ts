import type { Core } from '@strapi/strapi';
import { requiredSecret } from '../src/config/requiredSecret';
import { DEFAULT_BREAKPOINTS } from '../src/media/mediaSettings';

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  'users-permissions': {
    config: {
      jwtSecret: requiredSecret(env, 'JWT_SECRET'),
    },
  },
  upload: {
    config: {
      breakpoints: DEFAULT_BREAKPOINTS,
    },
  },
});

export default config;
