import type { Core } from '@strapi/strapi';
import type { VisibilityService } from '../../../lib/visibility/visibilityService';
import { visibilityFilterFor } from './visibilityRules';
import { allTimeFieldNames, privateFieldsOf, timeFieldsOf } from './settings';
import { currentRequest } from '../../../lib/requests/currentRequest';
import { readerAccessOf } from './readerAccess';
import { queryRules } from './enforceVisibility';
import { checkSort, restrictFilters } from './restrictQuery';
import type { RequestLike } from './strapiInternals';

/** `plugin::visibility.rules`: the rule as configured, for other plugins (src/lib/visibility/visibilityService.ts). */
export const rulesService = ({ strapi }: { strapi: Core.Strapi }): VisibilityService => ({
  readerAccess: (request?: unknown) => readerAccessOf((request as RequestLike) ?? currentRequest(strapi)),
  timeFieldsOf,
  allTimeFieldNames,
  filterFor: visibilityFilterFor,
  async checkRelationQuery(uid, query, now, access) {
    // Relation loaders cannot take a rewritten query, so no id lookups: a branch through a relation is refused.
    const rules = queryRules(strapi, now, access, false);
    if (query.filters) await restrictFilters(query.filters, uid, rules);
    if (query.sort) checkSort(query.sort, uid, rules);
  },
  privateFieldsOf,
});
