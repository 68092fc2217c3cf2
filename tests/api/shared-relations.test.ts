import { describeWithEditorOnEachDatabase } from '../helpers/eachDatabase';

type Middleware = (
  context: { uid: string; action: string; params: { locale?: unknown; data?: object } },
  next: () => Promise<unknown>
) => Promise<unknown>;

/** Relations are facts, shared by every locale of a document, as dates and numbers are. */
describeWithEditorOnEachDatabase('relations shared across locales', (app) => {
  const draftLinks = async (documentId: string, locale: string) => {
    const response = await app().editor.get(`articles/${documentId}`, {
      locale,
      status: 'draft',
      populate: { partners: { fields: ['name'] }, editions: { fields: ['title'] } },
    });
    return response.body.data as {
      partners: Array<{ documentId: string; name: string }>;
      editions: Array<{ documentId: string; title: string }>;
    };
  };

  /** The partners' names and editions' titles a locale's draft links to. */
  const names = async (documentId: string, locale: string) => {
    const { partners, editions } = await draftLinks(documentId, locale);
    return { partners: partners.map((p) => p.name).sort(), editions: editions.map((e) => e.title) };
  };

  const linked = async (documentId: string, locale: string) => {
    const { partners, editions } = await draftLinks(documentId, locale);
    return { partners: partners.map((p) => p.documentId), editions: editions.map((e) => e.documentId) };
  };

  const partners: Record<string, string> = {};

  beforeAll(async () => {
    for (const name of ['Région Occitanie', 'Pôle emploi', 'Seulement FR']) {
      const created = await app().editor.create('partners', { name, kind: 'public-body' }, { locale: 'fr', status: 'draft' });
      partners[name] = created.body.data.documentId;
      if (name !== 'Seulement FR')
        await app().editor.update('partners', partners[name], { description: 'EN' }, { locale: 'en', status: 'draft' });
    }
  });

  it('gives a new locale the links of the existing one', async () => {
    const created = await app().editor.create(
      'articles',
      { title: 'Lié', kind: 'news', partners: [partners['Région Occitanie'], partners['Seulement FR']] },
      { locale: 'fr', status: 'draft' }
    );
    const { documentId } = created.body.data;
    await app().editor.update('articles', documentId, { title: 'Linked' }, { locale: 'en', status: 'draft' });
    expect((await names(documentId, 'fr')).partners).toEqual(['Région Occitanie', 'Seulement FR']);
    // The partner that has no English version cannot be linked in English.
    expect((await names(documentId, 'en')).partners).toEqual(['Région Occitanie']);
  });

  it('copies a change of links made in one locale to the others', async () => {
    const created = await app().editor.create('articles', { title: 'Partagé', kind: 'news' }, { locale: 'fr', status: 'draft' });
    const { documentId } = created.body.data;
    await app().editor.update('articles', documentId, { title: 'Shared' }, { locale: 'en', status: 'draft' });
    await app().editor.update('articles', documentId, { partners: [partners['Pôle emploi']] }, { locale: 'en', status: 'draft' });
    expect((await names(documentId, 'fr')).partners).toEqual(['Pôle emploi']);
    await app().editor.update('articles', documentId, { partners: [] }, { locale: 'fr', status: 'draft' });
    expect((await names(documentId, 'en')).partners).toEqual([]);
  });

  /** A draft in French and English, as linked documents must be to be linked in both. */
  const bilingual = async (path: string, fr: Record<string, unknown>, en: Record<string, unknown>): Promise<string> => {
    const created = await app().editor.create(path, fr, { locale: 'fr', status: 'draft' });
    expect(created.status).toBe(201);
    const { documentId } = created.body.data as { documentId: string };
    expect((await app().editor.update(path, documentId, en, { locale: 'en', status: 'draft' })).status).toBe(200);
    return documentId;
  };

  /** Holds the first Document Service call that copies `field` to `locale` until `release` is called. */
  const holdCopyOf = (field: string, locale: string) => {
    let copying!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((resolve) => (copying = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    const hold: Middleware = async (context, next) => {
      const isCopy = context.uid === 'api::article.article' && context.action === 'update' && context.params.locale === locale;
      if (!held && isCopy && context.params.data && field in context.params.data) {
        held = true;
        copying();
        await released;
      }
      return next();
    };
    const remove = app().server.strapi.documents.use(hold as never) as unknown as () => void;
    return { reached, release, remove };
  };

  /**
   * The copies a write makes to the other locales are writes themselves, which must not copy back. That
   * mark once lived in a process-wide set, so a second request writing the same document while the first
   * was copying skipped its own sharing. Here the first request is held at the moment it copies its
   * link to English, while a second request links an edition in English: both links must reach both
   * locales. On PostgreSQL the second request reaches the rule meanwhile; SQLite's one connection makes
   * it wait for the first's transaction, so there it checks the plain case.
   */
  it('shares the links of a request that arrives while another is copying its own', async () => {
    const partner = await bilingual('partners', { name: 'Partenaire partagé', kind: 'public-body' }, { description: 'EN' });
    const edition = await bilingual('editions', { title: 'Édition partagée' }, { title: 'Shared edition' });
    const article = await bilingual('articles', { title: 'Écrit à deux', kind: 'news' }, { title: 'Written by two' });

    const { editor } = app();
    const copy = holdCopyOf('partners', 'en');
    try {
      const french = editor.update('articles', article, { partners: [partner] }, { locale: 'fr', status: 'draft' }).then((r) => r);
      await copy.reached;
      const english = editor.update('articles', article, { editions: [edition] }, { locale: 'en', status: 'draft' }).then((r) => r);
      // Time for the second request to reach the rule (it then waits for the first's transaction).
      await new Promise((resolve) => setTimeout(resolve, 500));
      copy.release();
      expect([(await french).status, (await english).status]).toEqual([200, 200]);
    } finally {
      copy.release();
      copy.remove();
    }
    for (const locale of ['fr', 'en'])
      expect({ locale, ...(await linked(article, locale)) }).toEqual({ locale, partners: [partner], editions: [edition] });
  });
});
