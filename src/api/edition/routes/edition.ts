import { factories } from '@strapi/strapi';
import { readRouteConfig } from '../../../plugins/public-api/server/rest/routes';

export default factories.createCoreRouter('api::edition.edition', { config: readRouteConfig('edition') });
