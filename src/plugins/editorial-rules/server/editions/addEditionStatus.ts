import type { traverseEntity } from '@strapi/utils';
import { editionStatus } from './editionStatus';
import { todayInSiteTimezone } from '../../../../lib/clock/clock';

type Visitor = Parameters<typeof traverseEntity>[0];

/** Adds `status` to every edition in a response that carries both of its dates. */
export const addEditionStatus: Visitor = ({ schema, key, data }) => {
  if (schema.uid !== 'api::edition.edition' || key !== 'startDate') return;
  if (typeof data.startDate === 'string' && typeof data.endDate === 'string') {
    data.status = editionStatus(data.startDate, data.endDate, todayInSiteTimezone());
  }
};
