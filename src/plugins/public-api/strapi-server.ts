import type { Core, UID } from '@strapi/strapi';
import { registerGraphqlRules } from './server/graphql/graphqlRules';
import { batchGraphqlLoads } from './server/graphql/batchedLoads';
import { registerNullArguments } from './server/graphql/nullArguments';
import { registerPlainFieldResolvers } from './server/graphql/plainFields';
import { useStoredLists } from './server/graphql/storedLists';
import { registerRoutesDoc } from './server/openapi/registerRoutesDoc';
import { registerQueryParams } from './server/rest/queryParams';
import { registerQueryShapeChecks } from '../../lib/queries/queryShapes';
import { applyPublicPermissions } from './server/permissions/applyPublicPermissions';
import { applyRegistrationSetting } from './server/permissions/applyRegistrationSetting';
import { rememberPublicPermissions } from './server/permissions/rememberPublicPermissions';
import documentationAccess from './server/middlewares/documentation-access';
import queryErrors, { queryNames } from './server/middlewares/query-errors';
import rateLimit from './server/middlewares/rate-limit';
import adminRegistration from './server/middlewares/admin-registration';
import securityHeaders from './server/middlewares/security-headers';
import requestLog from './server/middlewares/request-log';
import { closeRateLimitStore } from './server/rate-limit/closeRateLimitStore';
import { replaceCoreMiddleware, wrapRequestListener } from './server/strapiInternals';
import { inArrivalOrder } from './server/dispatch/arrivalOrder';
import { rateLimitAdmission } from './server/rate-limit/anonymousAdmission';
import { configuredTypeProblems, DEFAULT_SETTINGS, validateSettings, type PublicApiSettings } from './server/settings';

const settingsOf = (strapi: Core.Strapi): PublicApiSettings => strapi.config.get<PublicApiSettings>('plugin::public-api');

export default {
  config: {
    default: DEFAULT_SETTINGS,
    validator: validateSettings,
  },

  register({ strapi }: { strapi: Core.Strapi }) {
    const problems = configuredTypeProblems(
      settingsOf(strapi),
      (uid) => (strapi.contentType(uid as UID.ContentType) as { attributes?: Record<string, unknown> } | undefined)?.attributes
    );
    if (problems.length > 0) throw new Error(problems.join('; '));
    registerGraphqlRules(strapi);
    registerNullArguments(strapi);
    // Public lists read from the read model, inside Strapi's auth and policies; then plain fields.
    registerPlainFieldResolvers(useStoredLists);
    registerRoutesDoc(strapi);
    registerQueryParams(strapi);
    // A 400 for query shapes Strapi's checks let through and its query engine cannot run.
    registerQueryShapeChecks(strapi);
    // Strapi's security headers, with helmet built once per kind of request instead of per request.
    replaceCoreMiddleware(strapi, 'strapi::security', securityHeaders);
    // Strapi's request log line, formatted only when a transport writes it.
    replaceCoreMiddleware(strapi, 'strapi::logger', requestLog);
    // Registered before any bootstrap: the response cache's front door (bootstrap) goes before it, so a
    // stored answer is sent at once and only the requests Koa answers wait their turn.
    if (settingsOf(strapi).dispatchInArrivalOrder !== false) wrapRequestListener(strapi, inArrivalOrder);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if (strapi.plugin('graphql')) batchGraphqlLoads(strapi);
    await applyPublicPermissions(strapi, settingsOf(strapi).publicActions);
    rememberPublicPermissions(strapi);
    await applyRegistrationSetting(strapi);
  },

  // An open Redis connection of the rate limit would keep the process alive after Strapi stops.
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await closeRateLimitStore(strapi);
  },

  services: {
    // `plugin::public-api.rate-limit-admission`: the rate limit's count, for the response cache's front door.
    'rate-limit-admission': rateLimitAdmission,
  },

  // Placed in config/middlewares.ts as `plugin::public-api.<name>`.
  middlewares: {
    'query-errors': queryErrors,
    'query-names': queryNames,
    'rate-limit': rateLimit,
    'documentation-access': documentationAccess,
    'admin-registration': adminRegistration,
  },
};
