import { errorPaths, useServerWithEditor } from '../helpers/api';

describe('slugs', () => {
  const app = useServerWithEditor();

  const createArticle = (data: Record<string, unknown>, locale = 'fr') =>
    app.editor.create('articles', { kind: 'news', ...data }, { locale });

  it('transliterates French titles', async () => {
    const response = await createArticle({ title: 'DéClics Numériques passe la deuxième' });
    expect(response.status).toBe(201);
    expect(response.body.data.slug).toBe('declics-numeriques-passe-la-deuxieme');
  });

  it('gives a clashing generated slug a deterministic suffix in the same locale', async () => {
    const second = await createArticle({ title: 'DéClics Numériques passe la deuxième !' });
    const third = await createArticle({ title: 'Déclics numériques : passe la deuxième' });
    expect(second.body.data.slug).toBe('declics-numeriques-passe-la-deuxieme-2');
    expect(third.body.data.slug).toBe('declics-numeriques-passe-la-deuxieme-3');
  });

  it('finds the first free suffix past the candidates read at once (50)', async () => {
    // Drafts holding `rentree`, `rentree-2` … `rentree-51`, written without the rules (only their slugs matter).
    const taken = ['rentree', ...Array.from({ length: 50 }, (_, i) => `rentree-${i + 2}`)];
    await app.server.strapi.db.query('api::article.article').createMany({
      data: taken.map((slug) => ({ documentId: `slugbatch${slug.replace(/-/g, '')}`, title: slug, slug, kind: 'news', locale: 'fr' })),
    });
    const next = await createArticle({ title: 'Rentrée' });
    expect(next.status).toBe(201);
    expect(next.body.data.slug).toBe('rentree-52');
  });

  it('lets another locale use the same slug', async () => {
    const english = await createArticle({ title: 'DéClics Numériques passe la deuxième' }, 'en');
    expect(english.status).toBe(201);
    expect(english.body.data.slug).toBe('declics-numeriques-passe-la-deuxieme');
  });

  it('keeps a slug typed by staff and refuses one that is taken, naming the field', async () => {
    const custom = await createArticle({ title: 'Un titre', slug: 'mon-adresse-choisie' });
    expect(custom.status).toBe(201);
    expect(custom.body.data.slug).toBe('mon-adresse-choisie');

    const clash = await createArticle({ title: 'Un autre titre', slug: 'mon-adresse-choisie' });
    expect(clash.status).toBe(400);
    expect(clash.body.error.name).toBe('ValidationError');
    expect(errorPaths(clash.body)).toContain('slug');
  });

  it('refuses a slug that is not URL-safe', async () => {
    const response = await createArticle({ title: 'Titre', slug: 'pas une adresse/valide' });
    expect(response.status).toBe(400);
    expect(errorPaths(response.body)).toContain('slug');
  });

  it('keeps the slug when the title changes, and regenerates it when staff empty it', async () => {
    const created = await createArticle({ title: 'Premier titre' });
    const { documentId } = created.body.data;
    const renamed = await app.editor.update('articles', documentId, { title: 'Titre corrigé' }, { locale: 'fr' });
    expect(renamed.body.data.slug).toBe('premier-titre');

    const regenerated = await app.editor.update('articles', documentId, { slug: '' }, { locale: 'fr' });
    expect(regenerated.status).toBe(200);
    expect(regenerated.body.data.slug).toBe('titre-corrige');
  });

  it('gives a new locale of a partner (shared name) a slug from that name', async () => {
    const created = await app.editor.create('partners', { name: 'Région Occitanie', kind: 'public-body' }, { locale: 'fr' });
    const english = await app.editor.update(
      'partners',
      created.body.data.documentId,
      { description: 'Regional council' },
      { locale: 'en' }
    );
    expect(english.status).toBe(200);
    expect(english.body.data.slug).toBe('region-occitanie');
    expect(english.body.data.name).toBe('Région Occitanie');
  });
});
