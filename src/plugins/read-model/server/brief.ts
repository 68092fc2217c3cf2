import type { Core } from '@strapi/strapi';
import { attributesOf } from '../../../lib/schema/modelAttributes';

type Entity = Record<string, unknown>;

/** Attribute types holding long-form content, which no feed or digest entry shows. */
const LONG_FORM = new Set(['blocks', 'richtext', 'dynamiczone']);

/** A media file without its resized formats: a feed shows the original, with its size and type. */
const withoutFormats = (file: unknown): unknown => {
  if (!file || typeof file !== 'object' || Array.isArray(file)) return file;
  const rest: Entity = { ...(file as Entity) };
  delete rest.formats;
  return rest;
};

/** An embedded entry (component or related document) with its media files' formats left out, at any depth. */
const slimmed = (strapi: Core.Strapi, uid: string, entity: Entity, depth: number): Entity => {
  const attributes = attributesOf(strapi, uid);
  const result: Entity = {};
  for (const [key, value] of Object.entries(entity)) {
    const attribute = attributes[key];
    if (depth === 0 && attribute && LONG_FORM.has(attribute.type)) continue;
    if (value === null || typeof value !== 'object' || !attribute) {
      result[key] = value;
    } else if (attribute.type === 'media') {
      result[key] = Array.isArray(value) ? value.map(withoutFormats) : withoutFormats(value);
    } else {
      const inner = attribute.type === 'component' ? attribute.component : attribute.type === 'relation' ? attribute.target : undefined;
      const slim = (item: unknown) =>
        inner && item && typeof item === 'object' && !Array.isArray(item) ? slimmed(strapi, inner, item as Entity, depth + 1) : item;
      result[key] = Array.isArray(value) ? value.map(slim) : slim(value);
    }
  }
  return result;
};

/**
 * A stored answer's `data` as feeds and the digest read it: without its long-form fields (blocks, rich
 * text, dynamic zones) and without the resized formats of the media files it shows. An article's brief
 * is a third of its answer, so a digest reading a hundred of them reads and parses that much less.
 */
export const briefOf = (strapi: Core.Strapi, uid: string, data: Entity): Entity => slimmed(strapi, uid, data, 0);

/** Whether a brief of `uid` holds every one of these top-level fields (none of them long-form). */
export const briefHolds = (strapi: Core.Strapi, uid: string, fields: readonly string[]): boolean => {
  const attributes = attributesOf(strapi, uid);
  return fields.every((field) => !LONG_FORM.has(attributes[field]?.type ?? ''));
};
