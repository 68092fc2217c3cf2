import fc from 'fast-check';
import type { Core } from '@strapi/strapi';
import { briefHolds, briefOf } from '../../../../src/plugins/read-model/server/brief';

/**
 * A row's brief is what feeds and the digest read instead of the whole answer: every field but the
 * long-form ones at the top (blocks, rich text, dynamic zones), with media files' `formats` left out at
 * any depth (in components and related documents). Checked on random documents of a schema with each kind.
 */
const models: Record<string, { attributes: Record<string, Record<string, unknown>> }> = {
  'api::article.article': {
    attributes: {
      title: { type: 'string' },
      body: { type: 'blocks' },
      notes: { type: 'richtext' },
      sections: { type: 'dynamiczone', components: ['content.quote'] },
      cover: { type: 'component', component: 'media.credited-image' },
      gallery: { type: 'media', multiple: true },
      partners: { type: 'relation', relation: 'manyToMany', target: 'api::partner.partner' },
    },
  },
  'media.credited-image': { attributes: { image: { type: 'media' }, alternativeText: { type: 'string' } } },
  'api::partner.partner': { attributes: { name: { type: 'string' }, logo: { type: 'media' }, about: { type: 'richtext' } } },
  'content.quote': { attributes: { text: { type: 'text' } } },
};
const strapi = { getModel: (uid: string) => models[uid] } as unknown as Core.Strapi;

const text = fc.string({ maxLength: 12 });
const file = fc.record({
  id: fc.nat(),
  url: text,
  width: fc.nat(),
  formats: fc.option(fc.dictionary(fc.constantFrom('thumbnail', 'small', 'large'), fc.record({ url: text, width: fc.nat() })), {
    nil: null,
  }),
});
const article = fc.record(
  {
    documentId: text,
    title: text,
    body: fc.array(fc.record({ type: fc.constant('paragraph'), text }), { maxLength: 2 }),
    notes: text,
    sections: fc.array(fc.record({ __component: fc.constant('content.quote'), text }), { maxLength: 2 }),
    cover: fc.option(fc.record({ image: fc.option(file, { nil: null }), alternativeText: text }), { nil: null }),
    gallery: fc.array(file, { maxLength: 3 }),
    partners: fc.array(fc.record({ name: text, logo: fc.option(file, { nil: null }), about: text }), { maxLength: 2 }),
  },
  { requiredKeys: ['documentId'] }
);

/** Every `formats` key dropped, wherever it is (in this schema only media files have one). */
const withoutAnyFormats = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutAnyFormats);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'formats')
      .map(([key, inner]) => [key, withoutAnyFormats(inner)])
  );
};

describe("a read model row's brief", () => {
  it('keeps every field but the long-form ones, and every media file without its formats', () => {
    fc.assert(
      fc.property(article, (document) => {
        const { body: _body, notes: _notes, sections: _sections, ...shown } = document;
        expect(briefOf(strapi, 'api::article.article', document)).toEqual(withoutAnyFormats(shown));
      })
    );
  });

  it('keeps long-form fields of embedded entries (only the top level is left out)', () => {
    const brief = briefOf(strapi, 'api::article.article', { documentId: 'a', partners: [{ name: 'P', about: '**long**' }] });
    expect(brief).toEqual({ documentId: 'a', partners: [{ name: 'P', about: '**long**' }] });
  });

  it('holds a set of fields only when none is long-form', () => {
    expect(briefHolds(strapi, 'api::article.article', ['title', 'cover', 'partners', 'slug'])).toBe(true);
    for (const longForm of ['body', 'notes', 'sections'])
      expect(briefHolds(strapi, 'api::article.article', ['title', longForm])).toBe(false);
  });

  it('keeps, of the relations, media and components, those its readers declared, and every other field but the long-form ones', () => {
    const nestedFields = ['cover', 'gallery', 'partners'];
    fc.assert(
      fc.property(article, fc.subarray(nestedFields), (document, declared) => {
        const { body: _body, notes: _notes, sections: _sections, ...shown } = document;
        const kept = Object.fromEntries(Object.entries(shown).filter(([key]) => !nestedFields.includes(key) || declared.includes(key)));
        expect(briefOf(strapi, 'api::article.article', document, declared)).toEqual(withoutAnyFormats(kept));
      })
    );
  });

  it('holds a nested field only when its readers declared it', () => {
    expect(briefHolds(strapi, 'api::article.article', ['title', 'cover', 'documentId'], ['cover'])).toBe(true);
    expect(briefHolds(strapi, 'api::article.article', ['title', 'partners'], ['cover'])).toBe(false);
    expect(briefHolds(strapi, 'api::article.article', ['title', 'gallery'], [])).toBe(false);
    expect(briefHolds(strapi, 'api::article.article', ['title', 'body'], ['body'])).toBe(false);
  });
});
