import { factories } from '@strapi/strapi';
import { publicReadActions } from '../../../plugins/public-api/server/rest/publicReadController';

export default factories.createCoreController('api::partner.partner', ({ strapi }) => publicReadActions(strapi, 'api::partner.partner'));
