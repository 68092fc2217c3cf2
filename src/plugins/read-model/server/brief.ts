import type { Core } from '@strapi/strapi';
import { attributesOf, FILE_UID, targetOf } from '../../../lib/schema/modelAttributes';

type Entity = Record<string, unknown>;

/** Attribute types holding long-form content, which no feed or digest entry shows. */
const LONG_FORM = new Set(['blocks', 'richtext', 'dynamiczone']);

/** Attribute types whose values are other entries or files: most of a brief's bytes (dynamic zones are long-form). */
const NESTING = new Set(['relation', 'media', 'component']);

/**
 * The nested fields (relations, media, components) a type's briefs keep, when its readers declared
 * them (`briefFields` in the plugin's settings); undefined keeps them all.
 */
export type NestedFieldsKept = readonly string[] | undefined;

/** Whether a brief keeps this top-level field. */
const keeps = (type: string | undefined, field: string, nestedKept: NestedFieldsKept): boolean =>
  !LONG_FORM.has(type ?? '') && (nestedKept === undefined || !NESTING.has(type ?? '') || nestedKept.includes(field));

/**
 * An entry with its media files' resized formats left out, at any depth (a feed shows a file's
 * original, with its size and type), and at the top, without its long-form fields.
 */
const slimmed = (strapi: Core.Strapi, uid: string, entity: Entity, top: boolean, nestedKept?: NestedFieldsKept): Entity => {
  const attributes = attributesOf(strapi, uid);
  const result: Entity = {};
  for (const [key, value] of Object.entries(entity)) {
    const attribute = attributes[key];
    if (uid === FILE_UID && key === 'formats') continue;
    if (top && attribute && !keeps(attribute.type, key, nestedKept)) continue;
    if (value === null || typeof value !== 'object' || !attribute) {
      result[key] = value;
      continue;
    }
    const slim = (item: unknown) => {
      const target = targetOf(attribute, item);
      return target && item && typeof item === 'object' && !Array.isArray(item) ? slimmed(strapi, target, item as Entity, false) : item;
    };
    result[key] = Array.isArray(value) ? value.map(slim) : slim(value);
  }
  return result;
};

/**
 * A stored answer's `data` as feeds and the digest read it: without its long-form fields (blocks, rich
 * text, dynamic zones), without the resized formats of the media files it shows, and, when its
 * readers declared which nested fields they read (`nestedKept`), without the other relations, media
 * and components. An article's brief is a third of its answer (a sixth with the nested fields
 * declared), so a digest reading a hundred of them reads and parses that much less.
 */
export const briefOf = (strapi: Core.Strapi, uid: string, data: Entity, nestedKept?: NestedFieldsKept): Entity =>
  slimmed(strapi, uid, data, true, nestedKept);

/** Whether a brief of `uid` holds every one of these top-level fields (none long-form, each nested one kept). */
export const briefHolds = (strapi: Core.Strapi, uid: string, fields: readonly string[], nestedKept?: NestedFieldsKept): boolean => {
  const attributes = attributesOf(strapi, uid);
  return fields.every((field) => keeps(attributes[field]?.type, field, nestedKept));
};
