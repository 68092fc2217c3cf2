import { factories } from '@strapi/strapi';
import { publicReadActions } from '../../../rest/publicReadController';
import { listEmbargoedReleases } from '../../../rest/embargoedReleases';

export default factories.createCoreController('api::article.article', ({ strapi }) => ({
  ...publicReadActions(strapi, 'api::article.article'),
  embargoed: listEmbargoedReleases(strapi),
}));
