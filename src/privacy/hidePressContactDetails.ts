import type { traverseEntity } from '@strapi/utils';
import { isPrivateField } from './privateFields';

type Visitor = Parameters<typeof traverseEntity>[0];

/** A person's email and phone are public only while the person is marked as a press contact. */
export const hidePressContactDetails: Visitor = ({ schema, key, data }, utils) => {
  if (isPrivateField(schema.uid, key) && data.isPressContact !== true) {
    utils.remove(key);
  }
};
