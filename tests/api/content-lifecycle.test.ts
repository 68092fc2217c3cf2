import { errorPaths, publicGet, useServerWithEditor } from '../helpers/api';
import { fixtures, type TypeFixture } from '../helpers/fixtures';
import { buildSlug } from '../../src/plugins/editorial-rules/server/slugs/buildSlug';

/**
 * For every content type: create a French draft, check the Public role cannot see it, publish it,
 * add the English version, and check each locale is served with its own text and shared facts.
 */
const app = useServerWithEditor();

describe.each(Object.entries(fixtures()))('%s', (_name, fixture: TypeFixture) => {
  let documentId: string;

  const detailPath = () => (fixture.singleType ? fixture.path : `${fixture.path}/${documentId}`);

  it('creates a French draft, with a slug from its title where the type has one', async () => {
    const response = fixture.singleType
      ? await app.editor.update(fixture.path, '', fixture.fr, { locale: 'fr', status: 'draft' })
      : await app.editor.create(fixture.path, fixture.fr, { locale: 'fr', status: 'draft' });
    expect([200, 201]).toContain(response.status);
    const data = response.body.data;
    documentId = data.documentId;
    expect(data.locale).toBe('fr');
    expect(data.publishedAt).toBeNull();
    for (const [field, value] of Object.entries(fixture.fr)) {
      if (typeof value !== 'object') expect(data[field]).toEqual(value);
    }
    if (fixture.slugSource) {
      expect(data.slug).toBe(buildSlug(String(fixture.fr[fixture.slugSource]), 'fr'));
    }
  });

  it('keeps the draft from the Public role', async () => {
    const detail = await publicGet(app.server, detailPath(), { locale: 'fr' });
    expect(detail.status).toBe(404);
    if (!fixture.singleType) {
      const list = await publicGet(app.server, fixture.path, { locale: 'fr' });
      expect(list.status).toBe(200);
      expect(list.body.data).toEqual([]);
    }
  });

  it('serves the published French version to the Public role', async () => {
    const published = fixture.singleType
      ? await app.editor.update(fixture.path, '', fixture.fr, { locale: 'fr', status: 'published' })
      : await app.editor.update(fixture.path, documentId, {}, { locale: 'fr', status: 'published' });
    expect(published.status).toBe(200);
    expect(published.body.data.publishedAt).toEqual(expect.any(String));

    const detail = await publicGet(app.server, detailPath(), { locale: 'fr' });
    expect(detail.status).toBe(200);
    expect(detail.body.data.documentId).toBe(documentId);
    expect(detail.body.data.locale).toBe('fr');
    if (!fixture.singleType) {
      const list = await publicGet(app.server, fixture.path, { locale: 'fr' });
      expect(list.body.data.map((d: { documentId: string }) => d.documentId)).toEqual([documentId]);
    }
  });

  it('adds the English version with its own text, sharing the facts that do not depend on language', async () => {
    const english = fixture.singleType
      ? await app.editor.update(fixture.path, '', fixture.en, { locale: 'en', status: 'published' })
      : await app.editor.update(fixture.path, documentId, fixture.en, { locale: 'en', status: 'published' });
    expect(english.status).toBe(200);

    const fr = (await publicGet(app.server, detailPath(), { locale: 'fr' })).body.data;
    const en = (await publicGet(app.server, detailPath(), { locale: 'en' })).body.data;
    expect(en.locale).toBe('en');
    expect(en.documentId).toBe(documentId);
    for (const [field, value] of Object.entries(fixture.en)) {
      if (typeof value !== 'object') expect(en[field]).toEqual(value);
    }
    const sharedFields = Object.keys(fixture.fr).filter((field) => !(field in fixture.en) && typeof fixture.fr[field] !== 'object');
    for (const field of sharedFields) expect(en[field]).toEqual(fr[field]);
    if (fixture.slugSource) {
      const englishSource = String(fixture.en[fixture.slugSource] ?? fixture.fr[fixture.slugSource]);
      expect(en.slug).toBe(buildSlug(englishSource, 'fr'));
    }
  });

  it('refuses invalid input with a 400 naming the field, and stores nothing', async () => {
    const before = (await app.editor.get(fixture.singleType ? fixture.path : fixture.path, { locale: 'fr', status: 'draft' })).body;
    const response = fixture.singleType
      ? await app.editor.update(fixture.path, '', fixture.invalid.data, { locale: 'fr' })
      : await app.editor.create(fixture.path, fixture.invalid.data, { locale: 'fr' });
    expect(response.status).toBe(400);
    expect(response.body.data).toBeNull();
    expect(response.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(errorPaths(response.body)).toContain(fixture.invalid.path);

    const after = (await app.editor.get(fixture.path, { locale: 'fr', status: 'draft' })).body;
    expect(after.data).toEqual(before.data);
  });
});
