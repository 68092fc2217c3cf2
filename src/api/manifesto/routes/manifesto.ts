import { factories } from '@strapi/strapi';
import { readRouteConfig } from '../../../plugins/public-api/server/rest/routes';

export default factories.createCoreRouter('api::manifesto.manifesto', { config: readRouteConfig('manifesto') });
