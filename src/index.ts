import type { Core } from '@strapi/strapi';
import { ensureLocales } from './locales/ensureLocales';
import { ensureDemoAdmin, isDemoMode } from './demo/ensureDemoAdmin';
import { registerDocumentMiddleware } from './documents/documentMiddleware';
import { prepareContentVersion, registerContentVersionBumps } from './content-version/contentVersion';
import { assignSlug } from './slugs/assignSlug';
import { ensureUniqueSlugIndexes } from './slugs/uniqueSlugIndexes';
import { enforceContentRules } from './validation/enforceContentRules';
import { rejectMalformedDates } from './validation/rejectMalformedDates';
import { requireAltTextOnPublish } from './accessibility/requireAltTextOnPublish';
import { applyPublicPermissions } from './permissions/applyPublicPermissions';
import { applyRegistrationSetting } from './permissions/applyRegistrationSetting';
import { addOutputVisitor } from './output/outputSanitizer';
import { hidePressContactDetails } from './privacy/hidePressContactDetails';
import { addEditionStatus } from './editions/addEditionStatus';
import { seedDemoContent } from './seed/seedDemoContent';
import { enforceVisibility } from './visibility/enforceVisibility';
import { addEmbargoState } from './visibility/addEmbargoState';
import { registerVisibilityAnnouncer } from './visibility/announceVisibility';
import { shareRelationsAcrossLocales } from './i18n/shareRelations';
import { applyAdminViews } from './admin-views/applyAdminViews';
import { registerGraphqlRules } from './graphql/graphqlRules';
import { registerRoutesDoc } from './openapi/registerRoutesDoc';
import { registerQueryParams } from './rest/queryParams';
import { registerNullArguments } from './graphql/nullArguments';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentMiddleware(strapi, enforceVisibility(strapi));
    registerDocumentMiddleware(strapi, rejectMalformedDates(strapi));
    registerDocumentMiddleware(strapi, assignSlug(strapi));
    registerDocumentMiddleware(strapi, enforceContentRules(strapi));
    registerDocumentMiddleware(strapi, requireAltTextOnPublish(strapi));
    registerDocumentMiddleware(strapi, shareRelationsAcrossLocales(strapi));
    addOutputVisitor(strapi, hidePressContactDetails);
    addOutputVisitor(strapi, addEditionStatus);
    addOutputVisitor(strapi, addEmbargoState);
    registerGraphqlRules(strapi);
    registerNullArguments(strapi);
    registerRoutesDoc(strapi);
    registerQueryParams(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureUniqueSlugIndexes(strapi);
    await prepareContentVersion(strapi);
    registerContentVersionBumps(strapi);
    await ensureLocales(strapi);
    await applyPublicPermissions(strapi);
    await applyRegistrationSetting(strapi);
    await registerVisibilityAnnouncer(strapi);
    await applyAdminViews(strapi);
    if (isDemoMode(strapi)) {
      await seedDemoContent(strapi);
      await ensureDemoAdmin(strapi);
    }
  },
};
