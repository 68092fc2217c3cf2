import type { Core } from '@strapi/strapi';
import { attributesOf } from '../../../lib/schema/modelAttributes';
import { defaultPopulateOf, FILE_UID } from './computeRow';
import { readModelSettings } from './settings';

type PopulateNode = { populate?: unknown; on?: Record<string, unknown> } | boolean | '*';

/** Adds the models a populate tree of `uid` reads: relation targets, components, dynamic zone components, media files. */
const collect = (strapi: Core.Strapi, uid: string, populate: unknown, found: Set<string>, depth = 0): void => {
  if (depth > 8) return;
  found.add(uid);
  if (!populate || typeof populate !== 'object') return;
  for (const [name, node] of Object.entries(populate as Record<string, PopulateNode>)) {
    const attribute = attributesOf(strapi, uid)[name];
    if (!attribute || node === false) continue;
    const nested = typeof node === 'object' && node !== null ? node.populate : undefined;
    if (attribute.type === 'media') found.add(FILE_UID);
    else if (attribute.type === 'relation' && attribute.target && !attribute.relation?.startsWith('morph'))
      collect(strapi, attribute.target, nested, found, depth + 1);
    else if (attribute.type === 'component' && attribute.component) collect(strapi, attribute.component, nested, found, depth + 1);
    else if (attribute.type === 'dynamiczone') {
      const on = typeof node === 'object' && node !== null ? node.on : undefined;
      for (const component of attribute.components ?? []) {
        if (on && !(component in on)) continue;
        const fragment = on?.[component] as { populate?: unknown } | undefined;
        collect(strapi, component, fragment?.populate, found, depth + 1);
      }
    }
  }
};

/**
 * Every model whose rows a stored answer can show: the served types, and every type, component and
 * media file their default population reaches (a relation's target is read for its visibility fields
 * and localizations too, which are its own table).
 */
export const watchedModelsOf = async (strapi: Core.Strapi): Promise<Set<string>> => {
  const found = new Set<string>();
  for (const uid of readModelSettings(strapi).contentTypes) collect(strapi, uid, await defaultPopulateOf(strapi, uid), found);
  return found;
};
