import type { Core } from '@strapi/strapi';
import { registerGraphqlRules } from './server/graphql/graphqlRules';
import { registerNullArguments } from './server/graphql/nullArguments';
import { registerRoutesDoc } from './server/openapi/registerRoutesDoc';
import { registerQueryParams } from './server/rest/queryParams';
import { applyPublicPermissions } from './server/permissions/applyPublicPermissions';
import { applyRegistrationSetting } from './server/permissions/applyRegistrationSetting';
import documentationAccess from './server/middlewares/documentation-access';
import queryErrors from './server/middlewares/query-errors';
import rateLimit from './server/middlewares/rate-limit';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerGraphqlRules(strapi);
    registerNullArguments(strapi);
    registerRoutesDoc(strapi);
    registerQueryParams(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await applyPublicPermissions(strapi);
    await applyRegistrationSetting(strapi);
  },

  // Placed in config/middlewares.ts as `plugin::public-api.<name>`.
  middlewares: {
    'query-errors': queryErrors,
    'rate-limit': rateLimit,
    'documentation-access': documentationAccess,
  },
};
