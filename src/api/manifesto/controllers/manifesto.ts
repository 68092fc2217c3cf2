import { factories } from '@strapi/strapi';
import { publicReadActions } from '../../../plugins/public-api/server/rest/publicReadController';

export default factories.createCoreController('api::manifesto.manifesto', ({ strapi }) =>
  publicReadActions(strapi, 'api::manifesto.manifesto')
);
