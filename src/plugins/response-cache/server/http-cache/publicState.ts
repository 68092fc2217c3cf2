import type { Core, UID } from '@strapi/strapi';

/** A published document as a purge names it: its type, id, locale and slug (when the type has one). */
export type PublicDocument = { uid: string; documentId: string; locale?: string | null; slug?: string | null };

/** One locale of a published document: its own address and the documents its answers and pages show. */
export type PublicState = PublicDocument & { related: PublicDocument[] };

type Attribute = { type: string; target?: string };
type Row = { documentId: string; locale?: string | null; slug?: string | null; [relation: string]: unknown };

const attributesOf = (strapi: Core.Strapi, uid: string): Record<string, Attribute> => strapi.getModel(uid as UID.ContentType).attributes;

const hasSlug = (strapi: Core.Strapi, uid: string): boolean => attributesOf(strapi, uid).slug?.type === 'uid';

/** The relations to the project's own types: both sides of a relation, owning or mapped. */
const relationsOf = (strapi: Core.Strapi, uid: string): Array<[string, string]> =>
  Object.entries(attributesOf(strapi, uid)).flatMap(([name, attribute]) =>
    attribute.type === 'relation' && attribute.target?.startsWith('api::') ? [[name, attribute.target] as [string, string]] : []
  );

const addressFields = (strapi: Core.Strapi, uid: string): string[] => ['documentId', 'locale', ...(hasSlug(strapi, uid) ? ['slug'] : [])];

const asDocument = (uid: string, row: Row): PublicDocument => ({ uid, documentId: row.documentId, locale: row.locale, slug: row.slug });

/**
 * The published versions of a document, in every locale, with the documents they relate to: what
 * its public answers and the site's pages showed (before a write) or show (after it). A relation of
 * a published version links published versions (Strapi 5), so the related pages are public ones too.
 */
export const readPublicStates = async (strapi: Core.Strapi, uid: string, documentId: string): Promise<PublicState[]> => {
  const relations = relationsOf(strapi, uid);
  const rows = (await strapi.db.query(uid).findMany({
    select: addressFields(strapi, uid),
    where: { documentId, publishedAt: { $notNull: true } },
    populate: Object.fromEntries(relations.map(([name, target]) => [name, { select: addressFields(strapi, target) }])),
  })) as Row[];
  return rows.map((row) => ({
    ...asDocument(uid, row),
    related: relations.flatMap(([name, target]) => {
      const value = row[name] as Row | Row[] | null | undefined;
      return (Array.isArray(value) ? value : value ? [value] : []).map((related) => asDocument(target, related));
    }),
  }));
};
