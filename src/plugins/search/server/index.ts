import type { Core } from '@strapi/strapi';
import { bootstrap, destroy } from './bootstrap';
import { DEFAULT_CONFIG, validateConfig, type SearchConfig } from './config';
import searchController from './controllers/search';
import { keepIndexInStep } from './keepIndexInStep';
import { registerSearchQuery } from './graphql';
import routes, { searchOperation, searchSchemas } from './routes';
import { createSearchService, type SearchService } from './searchService';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  keepIndexInStep(strapi, () => strapi.plugin('search').service<SearchService>('search'));
  registerSearchQuery(strapi);
  // Our route in the OpenAPI document (the documentation plugin lists only the APIs' core routes).
  strapi
    .plugin('documentation')
    ?.service('override')
    .registerOverride({
      paths: { '/search': { get: searchOperation() } },
      components: { schemas: searchSchemas },
    });
};

export default {
  register,
  bootstrap,
  destroy,
  config: {
    default: DEFAULT_CONFIG,
    validator: (config: Partial<SearchConfig>) => validateConfig(config),
  },
  controllers: { search: searchController },
  services: { search: ({ strapi }: { strapi: Core.Strapi }) => createSearchService(strapi) },
  routes,
};
