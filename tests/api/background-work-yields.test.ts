import { PENDING_TABLE } from '../../src/plugins/read-model/server/tables';
import { bootStrapi, type TestServer } from '../helpers/strapi';

const { generateDataset } = require('../bench/generate-dataset') as {
  generateDataset: (strapi: unknown, size: number, options: { log: () => void }) => Promise<number>;
};

/** Enough documents that each task below runs several transactions. */
const ARTICLES = 300;

type ReadModelService = {
  rebuild: () => Promise<unknown>;
  settle: () => Promise<void>;
  pauseBackgroundWork: (paused: boolean) => void;
};

/*
 * Background work that runs one transaction after another (the read model's rebuild and pending
 * refreshes, the search index's catching up, the translation records' backfill) must let the server
 * read and answer requests between two transactions. On SQLite every statement is synchronous and
 * knex resolves in microtasks, so a loop of transactions never gave the event loop a turn: the
 * rebuild of 2,000 articles held every request for 7 to 10 s, and Node then closed the idle keep-alive
 * connections whose timers had run out meanwhile, dropping the requests just sent on them
 * (`npm run bench:api`: "socket hang up"). Each case starts a task, asks for a list page, and checks that
 * the answer arrives before the task ends: a client connecting, sending and reading takes the event
 * loop several turns, which a task that never yields does not give.
 */
describe('background work lets the server answer meanwhile (SQLite)', () => {
  let server: TestServer;
  let readModel: ReadModelService;

  beforeAll(async () => {
    server = await bootStrapi({ env: { READ_MODEL_ENABLED: 'true', CACHE_RESPONSES_MAX_MB: '0' } });
    readModel = server.strapi.plugin('read-model').service<ReadModelService>('read-model');
    // Only the cases below start work.
    readModel.pauseBackgroundWork(true);
    // Rows written around the Document Service: the read model and the search index are then out of
    // date, and the documents have no translation records.
    await generateDataset(server.strapi, ARTICLES, { log: () => undefined });
  });

  afterAll(async () => {
    await server?.destroy();
  });

  /** Starts `task`, then asks for a list page; the status, and whether the task had ended before the answer came. */
  const askWhile = async (task: () => Promise<unknown>): Promise<{ status: number; taskEndedFirst: boolean }> => {
    let ended = false;
    const running = task().then(() => {
      ended = true;
    });
    const response = await server.http().get('/api/articles?locale=fr');
    const taskEndedFirst = ended;
    await running;
    return { status: response.status, taskEndedFirst };
  };

  it("the read model's rebuild", async () => {
    expect(await askWhile(() => readModel.rebuild())).toEqual({ status: 200, taskEndedFirst: false });
  });

  it("the read model's refresh of rows that writes left pending", async () => {
    const articles = await server.strapi.db.connection<{ document_id: string }>('articles').distinct('document_id');
    expect(articles.length).toBeGreaterThanOrEqual(ARTICLES);
    // Three notes a document: several refreshes of 200 notes each.
    const notes = [0, 1, 2].flatMap(() => articles.map(({ document_id }) => ({ uid: 'api::article.article', document_id })));
    await server.strapi.db.connection.batchInsert(PENDING_TABLE, notes, 200);
    expect(await askWhile(() => readModel.settle())).toEqual({ status: 200, taskEndedFirst: false });
    expect(await server.strapi.db.connection(PENDING_TABLE).count({ count: '*' })).toEqual([{ count: 0 }]);
  });

  it("the search index's catching up with writes made around the Document Service", async () => {
    const search = server.strapi.plugin('search').service<{ catchUp: () => Promise<void> }>('search');
    expect(await askWhile(() => search.catchUp())).toEqual({ status: 200, taskEndedFirst: false });
  });

  it("the translation records' backfill", async () => {
    const backfill = server.strapi.plugin('translation-status').service<{ recordUntracked: () => Promise<number> }>('backfill');
    expect(await askWhile(() => backfill.recordUntracked())).toEqual({ status: 200, taskEndedFirst: false });
  });
});
