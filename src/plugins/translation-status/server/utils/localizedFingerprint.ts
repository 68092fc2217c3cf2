import crypto from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';

export type AttributeLike = { type: string; component?: string; components?: string[]; pluginOptions?: unknown; [option: string]: unknown };
export type SchemaLike = { attributes: Record<string, AttributeLike> };
export type ComponentLookup = (uid: string) => SchemaLike | undefined;

/** The translator's material: text, numbers, dates, choices. Links, files and generated slugs are not. */
const NOT_CONTENT = new Set(['relation', 'media', 'uid', 'password']);

export const isLocalized = (attribute: AttributeLike): boolean =>
  (attribute.pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized === true;

/** The top-level attributes whose change makes a translation behind: localized, content, not ignored. */
export const trackedFields = (schema: SchemaLike, ignored: readonly string[] = []): string[] =>
  Object.entries(schema.attributes)
    .filter(([name, attribute]) => isLocalized(attribute) && !NOT_CONTENT.has(attribute.type) && !ignored.includes(name))
    .map(([name]) => name);

/** Empty text and absent values are the same content: saving an untouched form must not count as a change. */
const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/** The content of one value, without database ids, files or links (inside components too). */
export const contentOf = (attribute: AttributeLike, value: unknown, components: ComponentLookup): unknown => {
  if (isEmpty(value)) return null;
  if (attribute.type === 'component') {
    const schema = attribute.component ? components(attribute.component) : undefined;
    const one = (item: unknown) => (schema ? componentContent(schema, item, components) : null);
    return Array.isArray(value) ? value.map(one) : one(value);
  }
  if (attribute.type === 'dynamiczone') {
    return (Array.isArray(value) ? value : []).map((item) => {
      const name = (item as { __component?: string }).__component ?? '';
      const schema = components(name);
      return { __component: name, ...(schema ? (componentContent(schema, item, components) as object) : {}) };
    });
  }
  return value;
};

const componentContent = (schema: SchemaLike, item: unknown, components: ComponentLookup): unknown => {
  if (!item || typeof item !== 'object') return null;
  const values = item as Record<string, unknown>;
  const content: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (NOT_CONTENT.has(attribute.type)) continue;
    const value = contentOf(attribute, values[name], components);
    if (value !== null) content[name] = value;
  }
  return content;
};

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

export type Fingerprint = { hash: string; fieldHashes: Record<string, string> };

/**
 * A hash of a locale's localized content, and one per field (to tell which fields changed). Key
 * order never matters (stable JSON), so the same text read twice always gives the same hash.
 */
export const localizedFingerprint = (
  schema: SchemaLike,
  entry: Record<string, unknown>,
  components: ComponentLookup,
  ignored: readonly string[] = []
): Fingerprint => {
  const fieldHashes: Record<string, string> = {};
  for (const name of trackedFields(schema, ignored)) {
    fieldHashes[name] = sha256(stableStringify(contentOf(schema.attributes[name], entry[name], components) ?? null));
  }
  return { hash: sha256(stableStringify(fieldHashes)), fieldHashes };
};

/** The fields whose hash differs between two readings (a field present in one only counts as changed). */
export const changedFields = (before: Record<string, string> | null | undefined, after: Record<string, string>): string[] => {
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...names].filter((name) => (before ?? {})[name] !== after[name]).sort();
};

/** What to populate to read the tracked content: components (nested ones too), never media or relations. */
export const contentPopulate = (schema: SchemaLike, components: ComponentLookup, fields?: string[]): Record<string, unknown> => {
  const populate: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (fields && !fields.includes(name)) continue;
    if (attribute.type === 'component' && attribute.component) {
      const nested = components(attribute.component);
      const inner = nested ? contentPopulate(nested, components) : {};
      populate[name] = Object.keys(inner).length > 0 ? { populate: inner } : true;
    } else if (attribute.type === 'dynamiczone') {
      populate[name] = true;
    }
  }
  return populate;
};
