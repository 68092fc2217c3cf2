import { useServerWithEditor } from '../helpers/api';

/** Relations are facts, shared by every locale of a document, as dates and numbers are. */
describe('relations shared across locales', () => {
  const app = useServerWithEditor();
  const partners: Record<string, string> = {};

  const names = async (documentId: string, locale: string) => {
    const response = await app.editor.get(`articles/${documentId}`, {
      locale,
      status: 'draft',
      populate: { partners: { fields: ['name'] }, editions: { fields: ['title'] } },
    });
    return {
      partners: response.body.data.partners.map((p: { name: string }) => p.name).sort(),
      editions: response.body.data.editions.map((e: { title: string }) => e.title),
    };
  };

  beforeAll(async () => {
    for (const name of ['Région Occitanie', 'Pôle emploi', 'Seulement FR']) {
      const created = await app.editor.create('partners', { name, kind: 'public-body' }, { locale: 'fr', status: 'draft' });
      partners[name] = created.body.data.documentId;
      if (name !== 'Seulement FR')
        await app.editor.update('partners', partners[name], { description: 'EN' }, { locale: 'en', status: 'draft' });
    }
  });

  it('gives a new locale the links of the existing one', async () => {
    const created = await app.editor.create(
      'articles',
      { title: 'Lié', kind: 'news', partners: [partners['Région Occitanie'], partners['Seulement FR']] },
      { locale: 'fr', status: 'draft' }
    );
    const { documentId } = created.body.data;
    await app.editor.update('articles', documentId, { title: 'Linked' }, { locale: 'en', status: 'draft' });
    expect((await names(documentId, 'fr')).partners).toEqual(['Région Occitanie', 'Seulement FR']);
    // The partner that has no English version cannot be linked in English.
    expect((await names(documentId, 'en')).partners).toEqual(['Région Occitanie']);
  });

  it('copies a change of links made in one locale to the others', async () => {
    const created = await app.editor.create('articles', { title: 'Partagé', kind: 'news' }, { locale: 'fr', status: 'draft' });
    const { documentId } = created.body.data;
    await app.editor.update('articles', documentId, { title: 'Shared' }, { locale: 'en', status: 'draft' });
    await app.editor.update('articles', documentId, { partners: [partners['Pôle emploi']] }, { locale: 'en', status: 'draft' });
    expect((await names(documentId, 'fr')).partners).toEqual(['Pôle emploi']);
    await app.editor.update('articles', documentId, { partners: [] }, { locale: 'fr', status: 'draft' });
    expect((await names(documentId, 'en')).partners).toEqual([]);
  });
});
