import type { Core } from '@strapi/strapi';
import { registerDocumentMiddleware } from '../../lib/documents/documentMiddleware';
import { addOutputVisitor } from '../../lib/output/outputSanitizer';
import { enforceVisibility } from './server/enforceVisibility';
import { addEmbargoState } from './server/addEmbargoState';
import { registerVisibilityAnnouncer } from './server/announceVisibility';
import { hidePressContactDetails } from './server/privacy/hidePressContactDetails';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // The first document middleware of all (this plugin is listed first in config/plugins.ts):
    // every other rule runs inside the visibility filter.
    registerDocumentMiddleware(strapi, enforceVisibility(strapi));
    addOutputVisitor(strapi, hidePressContactDetails);
    addOutputVisitor(strapi, addEmbargoState);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerVisibilityAnnouncer(strapi);
  },
};
