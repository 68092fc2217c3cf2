import { factories } from '@strapi/strapi';
import { readRouteConfig } from '../../../plugins/public-api/server/rest/routes';

export default factories.createCoreRouter('api::press-coverage.press-coverage', { config: readRouteConfig('press-coverage') });
