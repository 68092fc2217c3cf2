import type { Core } from '@strapi/strapi';
import { attributesOf, FILE_UID, targetOf } from '../../../lib/schema/modelAttributes';

type Entity = Record<string, unknown>;

/** Attribute types holding long-form content, which no feed or digest entry shows. */
const LONG_FORM = new Set(['blocks', 'richtext', 'dynamiczone']);

/**
 * An entry with its media files' resized formats left out, at any depth (a feed shows a file's
 * original, with its size and type), and at the top, without its long-form fields.
 */
const slimmed = (strapi: Core.Strapi, uid: string, entity: Entity, top: boolean): Entity => {
  const attributes = attributesOf(strapi, uid);
  const result: Entity = {};
  for (const [key, value] of Object.entries(entity)) {
    const attribute = attributes[key];
    if (uid === FILE_UID && key === 'formats') continue;
    if (top && attribute && LONG_FORM.has(attribute.type)) continue;
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
 * text, dynamic zones) and without the resized formats of the media files it shows. An article's brief
 * is a third of its answer, so a digest reading a hundred of them reads and parses that much less.
 */
export const briefOf = (strapi: Core.Strapi, uid: string, data: Entity): Entity => slimmed(strapi, uid, data, true);

/** Whether a brief of `uid` holds every one of these top-level fields (none of them long-form). */
export const briefHolds = (strapi: Core.Strapi, uid: string, fields: readonly string[]): boolean => {
  const attributes = attributesOf(strapi, uid);
  return fields.every((field) => !LONG_FORM.has(attributes[field]?.type ?? ''));
};
