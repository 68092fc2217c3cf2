import type { Core } from '@strapi/strapi';

/** The upload plugin's media files, which media attributes lead to. */
export const FILE_UID = 'plugin::upload.file';

/** What these modules read of an attribute: its kind, and where a relation, component or zone leads. */
export type ModelAttribute = { type: string; target?: string; relation?: string; component?: string; components?: string[] };

/** The attributes of a content type or component by uid; none for an unknown uid. */
export const attributesOf = (strapi: Core.Strapi, uid: string): Record<string, ModelAttribute> =>
  (strapi.getModel(uid as never) as { attributes?: Record<string, ModelAttribute> } | undefined)?.attributes ?? {};
