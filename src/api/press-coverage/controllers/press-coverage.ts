import { factories } from '@strapi/strapi';
import { publicReadActions } from '../../../rest/publicReadController';

export default factories.createCoreController('api::press-coverage.press-coverage', ({ strapi }) => publicReadActions(strapi, 'api::press-coverage.press-coverage'));
