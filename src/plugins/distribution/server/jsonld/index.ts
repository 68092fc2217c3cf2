import type { Core } from '@strapi/strapi';
import { distributionConfig } from '../config';
import type { JsonLd, JsonLdContext, JsonLdService } from '../../../../lib/jsonld/jsonLd';

type Serializer = (document: Record<string, unknown>, context: JsonLdContext) => JsonLd;

/** The schema.org shape a type's detail responses carry in `meta.jsonLd`, from the `jsonLd` serializers configured per type. */
export const jsonLdFor = (
  strapi: Core.Strapi,
  uid: string,
  document: Record<string, unknown>,
  context: JsonLdContext
): JsonLd | undefined => (distributionConfig(strapi).jsonLd[uid] as Serializer | undefined)?.(document, context);

/** `plugin::distribution.json-ld`, for the public API's detail answers (src/lib/jsonld/jsonLd.ts). */
export const jsonLdService = ({ strapi }: { strapi: Core.Strapi }): JsonLdService => ({
  describe: (uid, document, context) => jsonLdFor(strapi, uid, document, context),
});
