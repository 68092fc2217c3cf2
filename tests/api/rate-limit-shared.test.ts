import crypto from 'node:crypto';
import fs from 'node:fs';
import { Redis } from 'ioredis';
import { bootStrapi, type TestServer } from '../helpers/strapi';
import { createTestDatabase, POSTGRES_URL } from '../helpers/postgres';
import { startSecondInstance, type SecondInstance } from '../helpers/secondInstance';
import { temporaryDatabaseFile } from '../helpers/testEnvironment';
import { startInterruptibleProxy, type InterruptibleProxy } from '../helpers/interruptibleProxy';
import { expectRateLimitRefusal } from '../helpers/rateLimit';
import { RATE_LIMIT_TABLE } from '../../src/plugins/public-api/server/rate-limit/createLimiter';

/**
 * The shared stores of the rate limit, with two real instances: A in this process, B in a child
 * process. A client that alternates between them must get the allowance once, not once per instance.
 */
const POINTS = 6;
const LIMIT_ENV = {
  RATE_LIMIT_ENABLED: 'true',
  RATE_LIMIT_POINTS: String(POINTS),
  RATE_LIMIT_DURATION_S: '60',
  TRUST_PROXY: 'true',
};
const REDIS_URL = process.env.TEST_REDIS_URL;

/** An address no other run has used, as the proxy in front would forward it. */
const newClientAddress = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;

type Instances = { a: TestServer; b: SecondInstance };
const readFrom = (instance: 'a' | 'b', { a, b }: Instances, address: string) =>
  (instance === 'a' ? a.http() : b.http())
    .get('/api/articles')
    .query({ locale: 'fr' })
    .set('X-Forwarded-For', address)
    // A request stuck behind a store that does not answer fails the test rather than waiting for Jest's timeout.
    .timeout(10000);

/** The allowance spent half on A, half on B; then both refuse. */
const expectOneAllowanceAcrossInstances = async (instances: Instances, address: string) => {
  const statuses: string[] = [];
  for (let i = 0; i < POINTS; i += 1) {
    const on = i % 2 ? 'b' : 'a';
    statuses.push(`${on} ${(await readFrom(on, instances, address)).status}`);
  }
  expect(statuses).toEqual(Array.from({ length: POINTS }, (_, i) => `${i % 2 ? 'b' : 'a'} 200`));
  expectRateLimitRefusal(await readFrom('a', instances, address));
  expectRateLimitRefusal(await readFrom('b', instances, address));
};

const describeWithRedis = REDIS_URL ? describe : describe.skip;

describeWithRedis('rate limit shared through Redis (TEST_REDIS_URL)', () => {
  let a: TestServer;
  let b: SecondInstance;
  let proxy: InterruptibleProxy;
  let redis: Redis;
  const bDatabaseFile = temporaryDatabaseFile('rate-limit-redis-b');
  const addresses: string[] = [];
  const clientAddress = () => {
    addresses.push(newClientAddress());
    return addresses[addresses.length - 1];
  };

  beforeAll(async () => {
    redis = new Redis(REDIS_URL as string);
    // A reaches Redis through a relay the test can cut; B reaches it directly.
    proxy = await startInterruptibleProxy(REDIS_URL as string);
    a = await bootStrapi({ env: { ...LIMIT_ENV, RATE_LIMIT_STORE: 'redis', RATE_LIMIT_REDIS_URL: proxy.url } });
    // Its own SQLite file: the limit is shared through Redis, whatever the database.
    b = await startSecondInstance({ DATABASE_FILENAME: bDatabaseFile, RATE_LIMIT_REDIS_URL: REDIS_URL as string });
  }, 180000);

  afterAll(async () => {
    await b?.stop();
    await a?.destroy();
    await proxy?.close();
    if (addresses.length) await redis?.del(...addresses.map((address) => `passerelle:anonymous:${address}`));
    redis?.disconnect();
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(bDatabaseFile + suffix, { force: true });
  });

  it('gives a client one allowance across both instances, kept in Redis', async () => {
    const address = clientAddress();
    await expectOneAllowanceAcrossInstances({ a, b }, address);
    expect(Number(await redis.get(`passerelle:anonymous:${address}`))).toBeGreaterThanOrEqual(POINTS);
  });

  it('keeps serving when Redis is down, each instance holding the client to the allowance on its own (fail over to memory)', async () => {
    const warn = jest.spyOn(a.strapi.log, 'warn');
    await proxy.cut();
    try {
      const address = clientAddress();
      const statuses: number[] = [];
      const started = Date.now();
      for (let i = 0; i < POINTS; i += 1) statuses.push((await readFrom('a', { a, b }, address)).status);
      expect(statuses).toEqual(Array(POINTS).fill(200));
      expect(Date.now() - started).toBeLessThan(POINTS * 2000);
      expectRateLimitRefusal(await readFrom('a', { a, b }, address));
      // A counted in its own memory: Redis has never seen this client.
      expect(await redis.exists(`passerelle:anonymous:${address}`)).toBe(0);
      expect(warn.mock.calls.map(([message]) => String(message)).join('\n')).toMatch(/Rate limit: Redis does not answer/);
    } finally {
      warn.mockRestore();
      await proxy.restore();
    }
  });

  it('shares the counts again once Redis is back', async () => {
    // ioredis reconnects on its own, backing off up to 2 s.
    const probe = clientAddress();
    const deadline = Date.now() + 15000;
    while (!(await redis.exists(`passerelle:anonymous:${probe}`))) {
      if (Date.now() > deadline) throw new Error('A never wrote to Redis again after it came back');
      await readFrom('a', { a, b }, probe);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await expectOneAllowanceAcrossInstances({ a, b }, clientAddress());
  });

  it('answers within the Redis timeout when Redis hangs, instead of waiting with it', async () => {
    proxy.hang();
    try {
      const address = clientAddress();
      for (let i = 0; i < POINTS; i += 1) {
        const started = Date.now();
        expect((await readFrom('a', { a, b }, address)).status).toBe(200);
        // 500 ms of Redis timeout plus the request itself on a busy machine; a hung wait would never end.
        expect(Date.now() - started).toBeLessThan(5000);
      }
      expectRateLimitRefusal(await readFrom('a', { a, b }, address));
    } finally {
      proxy.resume();
    }
  });
});

const describeOnPostgres = POSTGRES_URL ? describe : describe.skip;

describeOnPostgres('rate limit shared through the PostgreSQL database (RATE_LIMIT_STORE=database)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TestServer;
  let b: SecondInstance;

  beforeAll(async () => {
    database = await createTestDatabase();
    a = await bootStrapi({ env: { ...LIMIT_ENV, RATE_LIMIT_STORE: 'database', DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url } });
    b = await startSecondInstance();
  }, 180000);

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await database?.drop();
  });

  it('gives a client one allowance across both instances, kept in one table', async () => {
    const address = newClientAddress();
    await expectOneAllowanceAcrossInstances({ a, b }, address);
    const rows = await a.strapi.db
      .connection(RATE_LIMIT_TABLE)
      .where({ key: `passerelle:anonymous:${address}` })
      .select('points');
    expect(rows).toEqual([{ points: POINTS + 2 }]);
  });
});
