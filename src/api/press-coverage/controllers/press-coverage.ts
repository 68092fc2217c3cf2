import { factories } from '@strapi/strapi';
import { publicReadActions } from '../../../plugins/public-api/server/rest/publicReadController';

export default factories.createCoreController('api::press-coverage.press-coverage', ({ strapi }) =>
  publicReadActions(strapi, 'api::press-coverage.press-coverage')
);
