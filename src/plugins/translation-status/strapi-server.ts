import config from './server/config';
import contentTypes from './server/content-types';
import { register } from './server/register';
import { bootstrap } from './server/bootstrap';
import settings from './server/services/settings';
import tracker from './server/services/tracker';
import status from './server/controllers/status';
import translationMeta from './server/middlewares/translation-meta';
import routes from './server/routes';

/** Which translations are missing or behind their source locale (see README.md). */
export default {
  register,
  bootstrap,
  config,
  contentTypes,
  services: { settings, tracker },
  controllers: { status },
  middlewares: { 'translation-meta': translationMeta },
  routes,
};
