import type { traverseEntity } from '@strapi/utils';

type Visitor = Parameters<typeof traverseEntity>[0];

const CONTACT_FIELDS = new Set(['email', 'phone']);

/** A person's email and phone are public only while the person is marked as a press contact. */
export const hidePressContactDetails: Visitor = ({ schema, key, data }, { remove }) => {
  if (schema.uid === 'api::person.person' && CONTACT_FIELDS.has(key) && data.isPressContact !== true) {
    remove(key);
  }
};
