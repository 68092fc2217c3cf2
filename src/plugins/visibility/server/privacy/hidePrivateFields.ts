import type { traverseEntity } from '@strapi/utils';
import { privateFieldsOf } from '../settings';

type Visitor = Parameters<typeof traverseEntity>[0];

/** Removes a private field from the output unless its document's `publicWhen` field is true. */
export const hidePrivateFields: Visitor = ({ schema, key, data }, utils) => {
  const rule = privateFieldsOf(schema.uid);
  if (rule?.fields.has(key) && data[rule.publicWhen] !== true) {
    utils.remove(key);
  }
};
