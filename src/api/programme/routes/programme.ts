import { factories } from '@strapi/strapi';
import { readRouteConfig } from '../../../rest/routes';

export default factories.createCoreRouter('api::programme.programme', { config: readRouteConfig('programme') });
