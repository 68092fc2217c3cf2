import type { Core } from '@strapi/strapi';

// Only the level differs from Strapi's default logger; tests set LOG_LEVEL=warn to keep output readable.
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  level: env('LOG_LEVEL', 'http'),
});

export default config;
