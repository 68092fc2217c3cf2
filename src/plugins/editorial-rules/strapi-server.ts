import type { Core } from '@strapi/strapi';
import { registerDocumentMiddleware } from '../../lib/documents/documentMiddleware';
import { addOutputVisitor } from '../../lib/output/outputSanitizer';
import { rejectMalformedDates } from './server/validation/rejectMalformedDates';
import { assignSlug } from './server/slugs/assignSlug';
import { ensureUniqueSlugIndexes } from './server/slugs/uniqueSlugIndexes';
import { enforceContentRules } from './server/validation/enforceContentRules';
import { requireAltTextOnPublish } from './server/accessibility/requireAltTextOnPublish';
import { shareRelationsAcrossLocales } from './server/i18n/shareRelations';
import { addEditionStatus } from './server/editions/addEditionStatus';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Document middlewares run in this order, inside the visibility plugin's.
    registerDocumentMiddleware(strapi, rejectMalformedDates(strapi));
    registerDocumentMiddleware(strapi, assignSlug(strapi));
    registerDocumentMiddleware(strapi, enforceContentRules(strapi));
    registerDocumentMiddleware(strapi, requireAltTextOnPublish(strapi));
    registerDocumentMiddleware(strapi, shareRelationsAcrossLocales(strapi));
    addOutputVisitor(strapi, addEditionStatus);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureUniqueSlugIndexes(strapi);
  },
};
