import { newsArticleJsonLd } from './newsArticle';
import { eventJsonLd } from './event';
import { associationJsonLd, partnerJsonLd } from './organization';
import type { JsonLd, JsonLdContext } from './types';

type Serializer = (document: never, context: JsonLdContext) => JsonLd;

/** Which schema.org shape each type's detail responses carry in `meta.jsonLd`. */
export const JSON_LD_BY_TYPE: Record<string, Serializer> = {
  'api::article.article': newsArticleJsonLd,
  'api::edition.edition': eventJsonLd,
  'api::partner.partner': partnerJsonLd,
  'api::manifesto.manifesto': associationJsonLd,
};

export const jsonLdFor = (uid: string, document: Record<string, unknown>, context: JsonLdContext): JsonLd | undefined =>
  JSON_LD_BY_TYPE[uid]?.(document as never, context);

export type { JsonLd, JsonLdContext };
