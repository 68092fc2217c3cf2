import { factories } from '@strapi/strapi';
import { publicReadActions } from '../../../plugins/public-api/server/rest/publicReadController';

export default factories.createCoreController('api::edition.edition', ({ strapi }) => publicReadActions(strapi, 'api::edition.edition'));
