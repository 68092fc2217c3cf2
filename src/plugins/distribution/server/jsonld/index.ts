import type { Core } from '@strapi/strapi';
import { distributionConfig } from '../config';
import type { JsonLd, JsonLdContext } from './types';

type Serializer = (document: Record<string, unknown>, context: JsonLdContext) => JsonLd;

/** The schema.org shape a type's detail responses carry in `meta.jsonLd`, from the `jsonLd` serializers configured per type. */
export const jsonLdFor = (
  strapi: Core.Strapi,
  uid: string,
  document: Record<string, unknown>,
  context: JsonLdContext
): JsonLd | undefined => (distributionConfig(strapi).jsonLd[uid] as Serializer | undefined)?.(document, context);

export type { JsonLd, JsonLdContext };
export { absoluteUrl, compact, imageObject, organizationRef, type CreditedImage, type MediaFile } from './types';
