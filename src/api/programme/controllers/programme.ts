import { factories } from '@strapi/strapi';
import { publicReadActions } from '../../../rest/publicReadController';

export default factories.createCoreController('api::programme.programme', ({ strapi }) => publicReadActions(strapi, 'api::programme.programme'));
