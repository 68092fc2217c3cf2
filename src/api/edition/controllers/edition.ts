import { factories } from '@strapi/strapi';
import { publicReadActions } from '../../../rest/publicReadController';

export default factories.createCoreController('api::edition.edition', ({ strapi }) => publicReadActions(strapi, 'api::edition.edition'));
