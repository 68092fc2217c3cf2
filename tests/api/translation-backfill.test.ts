import { describeOnEachDatabase } from '../helpers/eachDatabase';
import { createFullAccessToken, editorClient, type EditorClient } from '../helpers/api';
import { bootStrapi, type TestServer } from '../helpers/strapi';

const RECORD_UID = 'plugin::translation-status.translation-record';
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

/** An article in French and English whose records are gone, as if written before the plugin was on. */
const untrackedArticle = async (server: TestServer, editor: EditorClient, title: string): Promise<string> => {
  const created = await editor.create(
    'articles',
    { title, kind: 'news', body: paragraph(`Texte de ${title}`) },
    { locale: 'fr', status: 'published' }
  );
  expect(created.status).toBe(201);
  const documentId = created.body.data.documentId as string;
  const translated = await editor.update(
    'articles',
    documentId,
    { title: `${title} (en)`, body: paragraph('Text') },
    { locale: 'en', status: 'published' }
  );
  expect(translated.status).toBe(200);
  await server.strapi.db.query(RECORD_UID).deleteMany({ where: { subjectDocumentId: documentId } });
  return documentId;
};

const recordsOf = (server: TestServer, documentId: string) =>
  server.strapi.db.query(RECORD_UID).count({ where: { subjectDocumentId: documentId } });

const stateOf = async (server: TestServer, token: string, documentId: string): Promise<string> => {
  const response = await server.http().get('/api/translations/status?locale=en').set('Authorization', `Bearer ${token}`);
  expect(response.status).toBe(200);
  return (
    (response.body.data as Array<{ documentId: string; state: string }>).find((item) => item.documentId === documentId)?.state ?? 'current'
  );
};

/**
 * Documents without translation records (written before the plugin was on, or by a path that
 * bypasses the Document Service) are recorded in the background after the boot, never during it
 * (issue 16: that held the first answer for minutes). Until the backfill reaches a document, a write
 * to it records it first, so an edit of the source still makes the translation outdated.
 */
describeOnEachDatabase(
  'translation-status records existing documents in the background',
  (server: () => TestServer) => {
    let editor: EditorClient;
    let token: string;
    beforeAll(async () => {
      token = await createFullAccessToken(server());
      editor = editorClient(server(), token);
    });

    it('answers while documents are unrecorded; an edit of the source before the backfill makes English outdated', async () => {
      const documentId = await untrackedArticle(server(), editor, 'Archive ancienne');
      expect(await recordsOf(server(), documentId)).toBe(0);
      expect(await stateOf(server(), token, documentId)).toBe('current');

      const edited = await editor.update(
        'articles',
        documentId,
        { title: 'Archive ancienne, corrigée' },
        { locale: 'fr', status: 'published' }
      );
      expect(edited.status).toBe(200);
      expect(await stateOf(server(), token, documentId)).toBe('outdated');
    });

    it('recording runs to the end on demand, translations counting as current', async () => {
      const documentId = await untrackedArticle(server(), editor, 'Autre archive');
      const recorded = (await server().strapi.plugin('translation-status').service('backfill').recordUntracked()) as number;
      expect(recorded).toBeGreaterThanOrEqual(1);
      expect(await recordsOf(server(), documentId)).toBe(2);
      expect(await stateOf(server(), token, documentId)).toBe('current');
    });

    it('records each document once while editors change sources meanwhile: each edited one is outdated, the others current', async () => {
      const documentIds: string[] = [];
      for (let n = 0; n < 12; n += 1) documentIds.push(await untrackedArticle(server(), editor, `Archive en cours ${n}`));
      const edited = new Set(documentIds.filter((_, index) => index % 2 === 0));
      // The recording reads and writes a batch of documents at once; the edits record a document
      // first when the recording has not reached it yet. Either order gives the same records.
      const recording = server().strapi.plugin('translation-status').service('backfill').recordUntracked() as Promise<number>;
      const edits = [...edited].map((documentId, index) =>
        editor.update('articles', documentId, { title: `Archive en cours, corrigée ${index}` }, { locale: 'fr', status: 'published' })
      );
      expect((await Promise.all(edits)).map((response) => response.status)).toEqual([...edited].map(() => 200));
      await recording;
      expect(await Promise.all(documentIds.map((documentId) => recordsOf(server(), documentId)))).toEqual(documentIds.map(() => 2));
      const states = await Promise.all(documentIds.map((documentId) => stateOf(server(), token, documentId)));
      expect(states).toEqual(documentIds.map((documentId) => (edited.has(documentId) ? 'outdated' : 'current')));
    });

    it('a batch keeps what a write recorded between the listing of its documents and its own read of them', async () => {
      const documentIds: string[] = [];
      for (let n = 0; n < 4; n += 1) documentIds.push(await untrackedArticle(server(), editor, `Archive listée ${n}`));
      const edited = new Set(documentIds.slice(0, 2));
      const tracker = server().strapi.plugin('translation-status').service<{
        observeMany: (uid: string, documentIds: string[]) => Promise<void>;
      }>('tracker');
      const observeMany = tracker.observeMany;
      // The interleaving forced: the recording has listed its batch (these documents had no records);
      // before the batch reads them, editors change two sources, which records those two first.
      tracker.observeMany = async (uid, batch) => {
        tracker.observeMany = observeMany;
        expect(batch).toEqual(expect.arrayContaining(documentIds));
        const edits = await Promise.all(
          [...edited].map((documentId, index) =>
            editor.update('articles', documentId, { title: `Archive listée, corrigée ${index}` }, { locale: 'fr', status: 'published' })
          )
        );
        expect(edits.map((response) => response.status)).toEqual([200, 200]);
        return observeMany(uid, batch);
      };
      try {
        await server().strapi.plugin('translation-status').service('backfill').recordUntracked();
      } finally {
        tracker.observeMany = observeMany;
      }
      expect(await Promise.all(documentIds.map((documentId) => recordsOf(server(), documentId)))).toEqual(documentIds.map(() => 2));
      const states = await Promise.all(documentIds.map((documentId) => stateOf(server(), token, documentId)));
      expect(states).toEqual(documentIds.map((documentId) => (edited.has(documentId) ? 'outdated' : 'current')));
    });

    it('a document observed on its own while a batch observes it is recorded once', async () => {
      const documentIds = [await untrackedArticle(server(), editor, 'Lot un'), await untrackedArticle(server(), editor, 'Lot deux')];
      const tracker = server().strapi.plugin('translation-status').service<{
        observe: (uid: string, documentId: string) => Promise<void>;
        observeMany: (uid: string, documentIds: string[]) => Promise<void>;
      }>('tracker');
      // Started together: each reads the records before the other writes them, unless they take turns.
      await Promise.all([
        tracker.observeMany('api::article.article', documentIds),
        ...documentIds.map((documentId) => tracker.observe('api::article.article', documentId)),
      ]);
      expect(await Promise.all(documentIds.map((documentId) => recordsOf(server(), documentId)))).toEqual([2, 2]);
    });
  },
  // Held back for the whole file: the background recording must not reach the documents first.
  { PASSERELLE_TEST_TRANSLATION_BACKFILL_DELAY_MS: String(10 * 60_000) }
);

describe('translation-status backfill after a restart, on SQLite', () => {
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.destroy();
  });

  it('records the unrecorded documents in the background once booted', async () => {
    server = await bootStrapi({ env: { PASSERELLE_TEST_TRANSLATION_BACKFILL_DELAY_MS: String(10 * 60_000) } });
    const editor = editorClient(server, await createFullAccessToken(server));
    const documentIds = [await untrackedArticle(server, editor, 'Archive un'), await untrackedArticle(server, editor, 'Archive deux')];
    await server.stop();

    server = await bootStrapi({ databaseFile: server.databaseFile, env: { PASSERELLE_TEST_TRANSLATION_BACKFILL_DELAY_MS: '0' } });
    const deadline = Date.now() + 20_000;
    const counts = async () => Promise.all(documentIds.map((documentId) => recordsOf(server as TestServer, documentId)));
    while ((await counts()).some((count) => count < 2) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await counts()).toEqual([2, 2]);
  });
});

/** `count` published French articles written through the Document Service, their records then removed. */
const unrecordedArticles = async (server: TestServer, count: number): Promise<string[]> => {
  const articles = server.strapi.documents('api::article.article');
  const documentIds: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const created = await articles.create({ locale: 'fr', status: 'published', data: { title: `Archive ${n}`, kind: 'news' } as never });
    documentIds.push(created.documentId);
  }
  await server.strapi.db.query(RECORD_UID).deleteMany({ where: { subjectDocumentId: { $in: documentIds } } });
  return documentIds;
};

describe('translation-status recording on demand, while the background recording runs (SQLite)', () => {
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.destroy();
  });

  it('takes over from the background recording: each document is recorded once', async () => {
    server = await bootStrapi({ env: { PASSERELLE_TEST_TRANSLATION_BACKFILL_DELAY_MS: String(10 * 60_000) } });
    const documentIds = await unrecordedArticles(server, 60);
    await server.stop();

    // The background recording starts a moment after the boot (after the counting below is in place: a
    // boot on a loaded machine took more than 1.5 s, and the documents recorded before went uncounted);
    // the recording on demand starts once it has begun.
    server = await bootStrapi({ databaseFile: server.databaseFile, env: { PASSERELLE_TEST_TRANSLATION_BACKFILL_DELAY_MS: '5000' } });
    const tracker = server.strapi.plugin('translation-status').service<{
      observe: (uid: string, documentId: string) => Promise<void>;
      observeMany: (uid: string, documentIds: string[]) => Promise<void>;
    }>('tracker');
    const observed = new Map<string, number>();
    const count = (documentId: string) => observed.set(documentId, (observed.get(documentId) ?? 0) + 1);
    const observe = tracker.observe.bind(tracker);
    tracker.observe = (uid, documentId) => {
      count(documentId);
      return observe(uid, documentId);
    };
    const observeMany = tracker.observeMany.bind(tracker);
    tracker.observeMany = (uid, documentIds) => {
      documentIds.forEach(count);
      return observeMany(uid, documentIds);
    };
    const deadline = Date.now() + 20_000;
    while (observed.size === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(observed.size).toBeGreaterThan(0);

    await server.strapi.plugin('translation-status').service('backfill').recordUntracked();
    const counts = await Promise.all(documentIds.map((documentId) => recordsOf(server as TestServer, documentId)));
    expect(counts.every((count) => count === 1)).toBe(true);
    const twice = documentIds.filter((documentId) => (observed.get(documentId) ?? 0) !== 1);
    expect(twice).toEqual([]);
  });

  it('goes past a document it cannot record, batch after batch: the others are recorded, it is tried in its batch and alone, and logged once', async () => {
    await server?.destroy();
    server = await bootStrapi({ env: { PASSERELLE_TEST_TRANSLATION_BACKFILL_DELAY_MS: String(10 * 60_000) } });
    // More than one batch (100 documents).
    const documentIds = await unrecordedArticles(server, 130);
    const failing = [...documentIds].sort()[40];

    const tracker = server.strapi.plugin('translation-status').service<{
      observe: (uid: string, documentId: string) => Promise<void>;
      observeMany: (uid: string, documentIds: string[]) => Promise<void>;
    }>('tracker');
    const tried = new Map<string, number>();
    const observe = tracker.observe.bind(tracker);
    tracker.observe = async (uid, documentId) => {
      tried.set(documentId, (tried.get(documentId) ?? 0) + 1);
      if (documentId === failing) throw new Error('unreadable');
      return observe(uid, documentId);
    };
    const observeMany = tracker.observeMany.bind(tracker);
    tracker.observeMany = async (uid, batch) => {
      for (const documentId of batch) tried.set(documentId, (tried.get(documentId) ?? 0) + 1);
      if (batch.includes(failing)) throw new Error('unreadable');
      return observeMany(uid, batch);
    };
    const logged: string[] = [];
    const logError = server.strapi.log.error.bind(server.strapi.log);
    server.strapi.log.error = ((message: string) => {
      logged.push(message);
      return logError(message);
    }) as typeof server.strapi.log.error;

    const recorded = (await server.strapi.plugin('translation-status').service('backfill').recordUntracked()) as number;

    const counts = await Promise.all(documentIds.map((documentId) => recordsOf(server as TestServer, documentId)));
    expect(documentIds.filter((documentId, index) => (documentId === failing ? counts[index] !== 0 : counts[index] !== 1))).toEqual([]);
    expect(recorded).toBe(documentIds.length - 1);
    // Once in its batch, once alone; the batch's others once in the batch, once alone; the rest once.
    expect(tried.get(failing)).toBe(2);
    expect([...tried.values()].every((times) => times <= 2)).toBe(true);
    expect(logged.filter((message) => message.includes(failing))).toHaveLength(1);
  });
});
