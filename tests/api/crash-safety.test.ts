import fs from 'node:fs';
import { Client } from 'pg';
import { startStrapiProcess, type StrapiProcess } from '../helpers/strapiProcess';
import { temporaryDatabaseFile, testEnvironment } from '../helpers/testEnvironment';
import { createTestDatabase, POSTGRES_URL } from '../helpers/postgres';

type SqliteFile = { pragma: (statement: string) => unknown[]; prepare: (sql: string) => { all: () => unknown[] }; close: () => void };
// The driver Strapi uses for SQLite (no type declarations are installed for it).
const Database = require('better-sqlite3') as new (file: string) => SqliteFile;

/**
 * The process is killed with SIGKILL while editors write through the API. After a restart, every
 * write the API acknowledged is there, and the database passes its own integrity check.
 */
const WRITERS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Acknowledged = { documentId: string; standfirst: string; inFlight?: string };

type AdminAnswer = { status: number; body: { data?: { token?: string; accessKey?: string } } | string };

const parsedOrText = (text: string): AdminAnswer['body'] => {
  try {
    return JSON.parse(text) as AdminAnswer['body'];
  } catch {
    return text;
  }
};

const CRASH_ADMIN = { email: 'crash@passerelle.test', password: 'Crash-Test-2031', firstname: 'Crash', lastname: 'Test' };

/**
 * POSTs until the instance gives an answer that is not a 5xx or 429 (a loaded machine can be slow
 * to answer its first admin calls); any other failure names its status and body.
 */
const postUntilAnswered = async (url: string, body: object, token?: string): Promise<AdminAnswer> => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    let status = 0;
    let text: string;
    try {
      const answer = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      status = answer.status;
      text = await answer.text();
      if (status < 500 && status !== 429) return { status, body: parsedOrText(text) };
    } catch (error) {
      text = String(error);
    }
    if (Date.now() > deadline) throw new Error(`POST ${url} kept failing: ${status} ${text}`);
    await sleep(1_000);
  }
};

/** A first admin over HTTP (as the registration page does), then a full-access token from it. */
const fullAccessToken = async (url: string): Promise<string> => {
  let session = await postUntilAnswered(`${url}/admin/register-admin`, CRASH_ADMIN);
  // A registration whose answer was lost on a retry has still created the admin: log in instead.
  if (session.status !== 200)
    session = await postUntilAnswered(`${url}/admin/login`, { email: CRASH_ADMIN.email, password: CRASH_ADMIN.password });
  if (session.status !== 200 || typeof session.body === 'string' || !session.body.data?.token)
    throw new Error(`No admin session: ${session.status} ${JSON.stringify(session.body)}`);
  const created = await postUntilAnswered(
    `${url}/admin/api-tokens`,
    { name: 'crash writer', type: 'full-access', lifespan: null },
    session.body.data.token
  );
  if (typeof created.body === 'string' || !created.body.data?.accessKey)
    throw new Error(`No API token: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.data.accessKey;
};

/** One editor: creates an article, then edits it again and again; remembers what was acknowledged. */
const writeUntilKilled = async (url: string, token: string, writer: number, acknowledged: Acknowledged[]) => {
  const call = (method: string, path: string, data: object) =>
    fetch(`${url}/api/${path}?locale=fr&status=published`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ data }),
    });
  try {
    for (let article = 0; ; article += 1) {
      const first = `writer ${writer} article ${article} version 0`;
      const created = await call('POST', 'articles', {
        title: `Écrit pendant la panne ${writer}-${article}`,
        kind: 'news',
        standfirst: first,
      });
      if (created.status !== 201) throw new Error(`create answered ${created.status}`);
      const entry: Acknowledged = {
        documentId: ((await created.json()) as { data: { documentId: string } }).data.documentId,
        standfirst: first,
      };
      acknowledged.push(entry);
      for (let version = 1; version <= 3; version += 1) {
        entry.inFlight = `writer ${writer} article ${article} version ${version}`;
        const updated = await call('PUT', `articles/${entry.documentId}`, { standfirst: entry.inFlight });
        if (updated.status !== 200) throw new Error(`update answered ${updated.status}`);
        entry.standfirst = entry.inFlight;
        entry.inFlight = undefined;
      }
    }
  } catch (error) {
    // The kill cuts the connection; anything else is a failure of its own.
    if (!/fetch failed|ECONNRESET|socket|other side closed/i.test(String((error as Error).cause ?? error))) throw error;
  }
};

/** No document may have two drafts, or two published versions, in one locale. */
const DUPLICATE_VERSIONS = `SELECT document_id, locale, published_at IS NULL AS draft, COUNT(*) AS copies FROM articles GROUP BY document_id, locale, published_at IS NULL HAVING COUNT(*) > 1`;

type Awaitable<T> = T | Promise<T>;

const databases: Array<{
  name: string;
  skip?: boolean;
  prepare: () => Awaitable<{
    env: Record<string, string>;
    integrity: () => Awaitable<{ problems: unknown[]; duplicates: unknown[] }>;
    remove: () => Awaitable<void>;
  }>;
}> = [
  {
    name: 'SQLite',
    prepare: () => {
      const file = temporaryDatabaseFile('crash-safety');
      return {
        env: testEnvironment(file),
        integrity: () => {
          // Opening the file replays or rolls back what the killed process left in its journal.
          const db = new Database(file);
          try {
            const check = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
            return {
              problems: [...check.filter((row) => row.integrity_check !== 'ok'), ...db.pragma('foreign_key_check')],
              duplicates: db.prepare(DUPLICATE_VERSIONS).all(),
            };
          } finally {
            db.close();
          }
        },
        remove: () => {
          for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    skip: !POSTGRES_URL,
    prepare: async () => {
      const database = await createTestDatabase();
      return {
        env: { ...testEnvironment(''), DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url },
        integrity: async () => {
          const client = new Client({ connectionString: database.url });
          await client.connect();
          try {
            // amcheck (PostgreSQL contrib): every B-tree index agrees with its table, every heap page is sound.
            await client.query('CREATE EXTENSION IF NOT EXISTS amcheck');
            const indexes = await client.query(
              `SELECT c.relname, bt_index_check(c.oid, true) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
               WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace AND c.relpersistence = 'p'`
            );
            expect(indexes.rowCount).toBeGreaterThan(10);
            const heap = await client.query(
              `SELECT c.relname, v.* FROM pg_class c, LATERAL verify_heapam(c.oid) v WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`
            );
            return { problems: heap.rows, duplicates: (await client.query(DUPLICATE_VERSIONS)).rows };
          } finally {
            await client.end();
          }
        },
        remove: () => database.drop(),
      };
    },
  },
];

describe.each(databases)('a SIGKILL while editors write ($name)', ({ skip, prepare }) => {
  (skip ? it.skip : it)(
    'keeps every acknowledged write and an intact database',
    async () => {
      const { env, integrity, remove } = await prepare();
      let instance: StrapiProcess | undefined;
      try {
        // The same env (secrets included) for both lives of the instance, so the token still works.
        const firstLife = await startStrapiProcess(() => env);
        instance = firstLife;
        const token = await fullAccessToken(firstLife.url);
        const acknowledged: Acknowledged[] = [];
        const failures: unknown[] = [];
        const writers = Array.from({ length: WRITERS }, (_, writer) =>
          writeUntilKilled(firstLife.url, token, writer, acknowledged).catch((error: unknown) => failures.push(error))
        );
        for (let waited = 0; acknowledged.length < 8; waited += 50) {
          if (failures.length > 0 || waited > 30000)
            throw new Error(`writers stopped before the kill: ${String(failures[0])}\n${instance.output()}`);
          await sleep(50);
        }
        await instance.kill();
        await Promise.all(writers);
        expect(failures).toEqual([]);

        expect(await integrity()).toEqual({ problems: [], duplicates: [] });

        instance = await startStrapiProcess(() => env);
        const lost: string[] = [];
        for (const entry of acknowledged) {
          const response = await fetch(`${instance.url}/api/articles/${entry.documentId}?locale=fr`, {
            headers: { Authorization: `Bearer ${token}` },
          });
          const body = (await response.json()) as { data?: { standfirst: string } };
          // A write cut by the kill may or may not have committed; an acknowledged one must have.
          if (response.status !== 200 || ![entry.standfirst, entry.inFlight].includes(body.data?.standfirst)) {
            lost.push(`${entry.documentId}: ${response.status} ${body.data?.standfirst ?? ''} (acknowledged ${entry.standfirst})`);
          }
        }
        expect(lost).toEqual([]);
        expect(acknowledged.length).toBeGreaterThanOrEqual(8);
        expect(await integrity()).toEqual({ problems: [], duplicates: [] });
      } finally {
        await instance?.stop();
        await remove();
      }
    },
    120000
  );
});
