import { z } from 'zod';

/**
 * One document of an archive, in one locale. `fields` are the type's own attributes as the Document
 * Service takes them (components as objects, blocks as Strapi's blocks JSON, dates as ISO strings);
 * `relations` name the linked documents by their slug in the same locale, for instance
 * `{ "editions": ["edition-2024-lyon"] }`; `translationOf` names, by slug, the entry of the same
 * archive (or the document already stored) that this one translates.
 */
export const archiveEntry = z.strictObject({
  type: z.string().regex(/^api::[a-z0-9-]+\.[a-z0-9-]+$/, 'a content type uid such as api::article.article'),
  locale: z.string().min(2),
  slug: z.string().min(1).optional(),
  status: z.enum(['draft', 'published']).default('published'),
  translationOf: z.strictObject({ locale: z.string().min(2), slug: z.string().min(1) }).optional(),
  fields: z.record(z.string(), z.unknown()).default({}),
  relations: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
});

export const archiveFormat = z.strictObject({ documents: z.array(archiveEntry) });

export type ArchiveEntry = z.infer<typeof archiveEntry>;
export type Archive = z.infer<typeof archiveFormat>;
