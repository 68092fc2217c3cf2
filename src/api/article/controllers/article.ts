import { factories } from '@strapi/strapi';
import { publicReadActions } from '../../../plugins/public-api/server/rest/publicReadController';
import { listEmbargoedReleases } from '../../../plugins/public-api/server/rest/embargoedReleases';

export default factories.createCoreController('api::article.article', ({ strapi }) => ({
  ...publicReadActions(strapi, 'api::article.article'),
  embargoed: listEmbargoedReleases(strapi),
}));
