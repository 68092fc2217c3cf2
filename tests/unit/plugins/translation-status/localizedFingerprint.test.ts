import {
  changedFields,
  contentPopulate,
  localizedFingerprint,
  trackedFields,
  type SchemaLike,
} from '../../../../src/plugins/translation-status/server/utils/localizedFingerprint';

const localized = { pluginOptions: { i18n: { localized: true } } };
const shared = { pluginOptions: { i18n: { localized: false } } };

const image: SchemaLike = {
  attributes: { image: { type: 'media' }, alternativeText: { type: 'string' }, credit: { type: 'string' }, source: { type: 'relation' } },
};
const article: SchemaLike = {
  attributes: {
    title: { type: 'string', ...localized },
    slug: { type: 'uid', ...localized },
    body: { type: 'blocks', ...localized },
    cover: { type: 'component', component: 'media.image', ...localized },
    byline: { type: 'string', ...shared },
    attachments: { type: 'media', ...localized },
    partners: { type: 'relation' },
  },
};
const components = (uid: string) => (uid === 'media.image' ? image : undefined);
const hashOf = (entry: Record<string, unknown>) => localizedFingerprint(article, entry, components).hash;

const base = {
  title: 'Titre',
  slug: 'titre',
  body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Texte' }] }],
  cover: { id: 1, image: { id: 4 }, alternativeText: 'Une photo', credit: null },
  byline: 'Service communication',
  attachments: [{ id: 9 }],
  partners: [{ id: 2 }],
};

describe('localizedFingerprint', () => {
  it('follows localized content fields only (no uid, media, relation or shared field)', () => {
    expect(trackedFields(article)).toEqual(['title', 'body', 'cover']);
    expect(trackedFields(article, ['body'])).toEqual(['title', 'cover']);
  });

  it.each([
    ['a shared field', { byline: 'Autre signature' }],
    ['the slug', { slug: 'autre-slug' }],
    ['a relation', { partners: [{ id: 3 }] }],
    ['a media field', { attachments: [] }],
    ['the image inside a component', { cover: { ...base.cover, image: { id: 5 } } }],
    ['component row ids', { cover: { ...base.cover, id: 77 } }],
    ['empty text for null', { cover: { ...base.cover, credit: '' } }],
    ['key order', { body: [{ children: [{ text: 'Texte', type: 'text' }], type: 'paragraph' }] }],
  ])('gives the same hash whatever %s', (_case, change) => {
    expect(hashOf({ ...base, ...change })).toBe(hashOf(base));
  });

  it.each([
    ['the title', { title: 'Titre corrigé' }, ['title']],
    ['the body', { body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Texte corrigé' }] }] }, ['body']],
    ['a text inside a component', { cover: { ...base.cover, alternativeText: 'Deux photos' } }, ['cover']],
  ])('changes the hash when %s changes, and names the field', (_case, change, fields) => {
    const before = localizedFingerprint(article, base, components);
    const after = localizedFingerprint(article, { ...base, ...change }, components);
    expect(after.hash).not.toBe(before.hash);
    expect(changedFields(before.fieldHashes, after.fieldHashes)).toEqual(fields);
  });

  it('populates components for reading, never media or relations', () => {
    expect(contentPopulate(article, components)).toEqual({ cover: true });
  });
});
