import { factories } from '@strapi/strapi';
import { publicReadActions } from '../../../plugins/public-api/server/rest/publicReadController';

export default factories.createCoreController('api::programme.programme', ({ strapi }) =>
  publicReadActions(strapi, 'api::programme.programme')
);
