import fs from 'node:fs';
import path from 'node:path';
import { ADMIN_VIEWS } from '../../../src/admin-views';

type Attribute = { type: string; relation?: string };
const SRC = path.resolve(__dirname, '..', '..', '..', 'src');

const attributesOf = (uid: string, isComponent?: boolean): Record<string, Attribute> => {
  const file = isComponent
    ? path.join(SRC, 'components', ...uid.split('.')) + '.json'
    : path.join(SRC, 'api', uid.split('.')[1], 'content-types', uid.split('.')[1], 'schema.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).attributes;
};

// The content manager's rules (field-sizes.js): these types always take a whole row.
const FULL_ROW = new Set(['component', 'dynamiczone', 'json', 'richtext', 'blocks']);
const NOT_LISTABLE = new Set(['component', 'dynamiczone', 'json', 'password', 'richtext', 'media', 'blocks', 'relation']);
const TIMESTAMPS = ['createdAt', 'updatedAt'];

describe.each(ADMIN_VIEWS.map((preset) => [preset.uid, preset] as const))('admin view of %s', (_uid, preset) => {
  const attributes = attributesOf(preset.uid, preset.isComponent);
  const placed = preset.edit.flat().map((field) => field.name);

  it('places every field of the schema exactly once', () => {
    expect([...placed].sort()).toEqual(Object.keys(attributes).sort());
  });

  it('keeps every row within 12 columns and full-width fields full width', () => {
    for (const row of preset.edit) {
      expect(row.reduce((sum, field) => sum + field.size, 0)).toBeLessThanOrEqual(12);
      for (const field of row) {
        if (FULL_ROW.has(attributes[field.name].type)) expect(field.size).toBe(12);
      }
    }
  });

  it('lists only columns the list view can show', () => {
    for (const column of preset.list) {
      const attribute = attributes[column];
      if (TIMESTAMPS.includes(column)) continue;
      expect(attribute).toBeDefined();
      expect(NOT_LISTABLE.has(attribute.type)).toBe(false);
    }
  });

  it('gives every field a French label', () => {
    for (const name of Object.keys(attributes)) {
      expect(preset.fields[name]?.label).toEqual(expect.any(String));
    }
  });

  it('names documents by a string field', () => {
    expect(attributes[preset.mainField].type).toBe('string');
  });
});

describe('the article view', () => {
  const article = ADMIN_VIEWS.find((preset) => preset.uid === 'api::article.article');
  if (!article) throw new Error('no preset for articles');
  it('starts with what staff write and ends with the technical fields', () => {
    const order = article.edit.flat().map((field) => field.name);
    expect(order.slice(0, 5)).toEqual(['title', 'kind', 'standfirst', 'body', 'cover']);
    expect(order.slice(-3)).toEqual(['slug', 'visibleFrom', 'seo']);
  });
  it('lists title, kind and embargo', () => {
    expect(article.list.slice(0, 3)).toEqual(['title', 'kind', 'embargoUntil']);
  });
});
