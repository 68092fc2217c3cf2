import type { Core } from '@strapi/strapi';
import config from './server/config';
import contentTypes from './server/content-types';
import { register } from './server/register';
import { bootstrap } from './server/bootstrap';
import { recordUntrackedDocuments, stopBackfill } from './server/backfill';
import settings from './server/services/settings';
import tracker from './server/services/tracker';
import status from './server/controllers/status';
import translationMeta from './server/middlewares/translation-meta';
import routes from './server/routes';

/** Which translations are missing or behind their source locale (see README.md). */
export default {
  register,
  bootstrap,
  destroy: ({ strapi }: { strapi: Core.Strapi }) => stopBackfill(strapi),
  config,
  contentTypes,
  services: {
    settings,
    tracker,
    // What the background recording at boot does, run to the end: for scripts that write rows directly.
    backfill: ({ strapi }: { strapi: Core.Strapi }) => ({ recordUntracked: () => recordUntrackedDocuments(strapi) }),
  },
  controllers: { status },
  middlewares: { 'translation-meta': translationMeta },
  routes,
};
