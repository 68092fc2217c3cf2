import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::press-coverage.press-coverage');
