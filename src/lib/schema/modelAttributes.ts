import type { Core } from '@strapi/strapi';

/** The upload plugin's media files, which media attributes lead to. */
export const FILE_UID = 'plugin::upload.file';

/** What these modules read of an attribute: its kind, and where a relation, component or zone leads. */
export type ModelAttribute = { type: string; target?: string; relation?: string; component?: string; components?: string[] };

/** The attributes of a content type or component by uid; none for an unknown uid. */
export const attributesOf = (strapi: Core.Strapi, uid: string): Record<string, ModelAttribute> =>
  (strapi.getModel(uid as never) as { attributes?: Record<string, ModelAttribute> } | undefined)?.attributes ?? {};

/** True for a content type with drafts: its published versions are rows of their own (Strapi's `draftAndPublish`). */
export const hasDraftAndPublish = (strapi: Core.Strapi, uid: string): boolean =>
  (strapi.getModel(uid as never) as { options?: { draftAndPublish?: boolean } } | undefined)?.options?.draftAndPublish === true;

/**
 * The model an attribute's value is an entry of: the file model for media, the component (for a
 * dynamic zone, the item's own `__component`), the related type; none for a morph relation or a scalar.
 */
export const targetOf = (attribute: ModelAttribute, item: unknown): string | undefined => {
  if (attribute.type === 'media') return FILE_UID;
  if (attribute.type === 'component') return attribute.component;
  if (attribute.type === 'dynamiczone') return (item as { __component?: string } | null)?.__component;
  if (attribute.type !== 'relation') return undefined;
  return attribute.relation?.startsWith('morph') ? undefined : attribute.target;
};
