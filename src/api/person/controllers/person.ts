import { factories } from '@strapi/strapi';
import { publicReadActions } from '../../../plugins/public-api/server/rest/publicReadController';

export default factories.createCoreController('api::person.person', ({ strapi }) => publicReadActions(strapi, 'api::person.person'));
