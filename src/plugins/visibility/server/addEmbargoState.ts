import type { traverseEntity } from '@strapi/utils';
import { EMBARGO_FIELD, embargoState } from './visibilityRules';
import { now } from '../../../lib/clock/clock';

type Visitor = Parameters<typeof traverseEntity>[0];

/**
 * Marks every release that carries an embargo date with `embargo: { until, active }`, so a journalist
 * reading ahead of time sees plainly that the text is not yet public.
 */
export const addEmbargoState: Visitor = ({ schema, key, data }) => {
  if (schema.uid !== 'api::article.article' || key !== EMBARGO_FIELD) return;
  data.embargo = embargoState(data, now()) ?? null;
};
