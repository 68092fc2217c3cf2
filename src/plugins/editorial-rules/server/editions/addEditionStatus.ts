import type { traverseEntity } from '@strapi/utils';
import { editionStatus } from './editionStatus';
import { todayInSiteTimezone } from '../../../../lib/clock/clock';
import type { EditorialRulesSettings } from '../settings';

type Visitor = Parameters<typeof traverseEntity>[0];

/**
 * Adds the configured status field (an edition's `status`) to every document of a configured type in
 * a response that carries both of its dates.
 */
export const addDateStatus =
  (dateStatus: EditorialRulesSettings['dateStatus']): Visitor =>
  ({ schema, key, data }) => {
    const configured = dateStatus[schema.uid] as EditorialRulesSettings['dateStatus'][string] | undefined;
    if (!configured || key !== configured.start) return;
    const start = data[configured.start];
    const end = data[configured.end];
    if (typeof start === 'string' && typeof end === 'string') {
      data[configured.field] = editionStatus(start, end, todayInSiteTimezone());
    }
  };
