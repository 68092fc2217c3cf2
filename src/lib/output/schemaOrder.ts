import type { Core } from '@strapi/strapi';
import { attributesOf, targetOf } from '../schema/modelAttributes';

type Entity = Record<string, unknown>;

/** Attributes Strapi fills in by population, after the entry's own columns. */
const POPULATED = new Set(['relation', 'media', 'component', 'dynamiczone']);

/**
 * An entry's keys in one order, whatever else a read loaded with it: its own fields as Strapi reads
 * them, then what population added, in the schema's order, at every depth. Strapi (5.54) populates an
 * entry's relations and components concurrently (`Promise.all` in `@strapi/database`'s populate),
 * and one finishing sooner when none of the entries read together has any: so the same document's
 * keys came in another order in a list than alone, depending on its neighbours. The answers of a
 * document are then the same bytes in a list and alone, and the read model can compute many at once.
 */
export const inSchemaOrder = (strapi: Core.Strapi, uid: string, value: unknown): unknown => {
  if (Array.isArray(value)) return value.map((item) => inSchemaOrder(strapi, uid, item));
  if (!value || typeof value !== 'object') return value;
  const entity = value as Entity;
  const attributes = attributesOf(strapi, uid);
  const ordered: Entity = {};
  for (const key of Object.keys(entity)) if (!POPULATED.has(attributes[key]?.type)) ordered[key] = entity[key];
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!POPULATED.has(attribute.type) || !(name in entity)) continue;
    const field = entity[name];
    const orderItem = (item: unknown) => {
      const target = targetOf(attribute, item);
      return target ? inSchemaOrder(strapi, target, item) : item;
    };
    ordered[name] = Array.isArray(field) ? field.map(orderItem) : orderItem(field);
  }
  return ordered;
};
