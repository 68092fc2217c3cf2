import type { Core, UID } from '@strapi/strapi';
import type { EntryMapping } from './config';

/**
 * What a public entry needs loaded besides its own fields, from its mapping: the image (with the
 * file inside a credited-image component), and the relations naming categories or the source.
 */
export const entryPopulate = (strapi: Core.Strapi, uid: UID.ContentType, mapping: EntryMapping): Record<string, unknown> => {
  const attributes = strapi.getModel(uid).attributes as Record<string, { type: string }>;
  const populate: Record<string, unknown> = {};
  if (mapping.image) populate[mapping.image] = attributes[mapping.image]?.type === 'component' ? { populate: { image: true } } : true;
  if (mapping.categories) populate[mapping.categories.field] = true;
  if (mapping.source) populate[mapping.source.field] = true;
  return populate;
};
