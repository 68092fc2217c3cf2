import { factories } from '@strapi/strapi';
import { readRouteConfig } from '../../../rest/routes';

export default factories.createCoreRouter('api::partner.partner', { config: readRouteConfig('partner') });
