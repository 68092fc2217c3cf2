import type { traverseEntity } from '@strapi/utils';
import { embargoState } from './visibilityRules';
import { timeFieldsOf } from './settings';
import { now } from '../../../lib/clock/clock';

type Visitor = Parameters<typeof traverseEntity>[0];

/**
 * Marks every document of an embargoed type that carries its embargo date with
 * `embargo: { until, active }`, so a journalist reading ahead of time sees plainly that the text is
 * not yet public.
 */
export const addEmbargoState: Visitor = ({ schema, key, data }) => {
  const field = timeFieldsOf(schema.uid, schema.attributes).embargo;
  if (!field || key !== field) return;
  data.embargo = embargoState(data, now(), field) ?? null;
};
