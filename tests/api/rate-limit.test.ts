import knex, { type Knex } from 'knex';
import { bootStrapi, type TestServer } from '../helpers/strapi';
import { createFullAccessToken, publicGet } from '../helpers/api';
import { createTestDatabase, POSTGRES_URL } from '../helpers/postgres';
import { expectRateLimitRefusal } from '../helpers/rateLimit';
import { createLimiter, RATE_LIMIT_TABLE } from '../../src/plugins/public-api/server/rate-limit/createLimiter';

const POINTS = 5;

describe('rate limit on the public API', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await bootStrapi({ env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_POINTS: String(POINTS), RATE_LIMIT_DURATION_S: '60' } });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  /** Each test speaks from its own address, as a proxy would report it. */
  const from = (address: string) => ({ 'X-Forwarded-For': address });

  it('answers the request after the allowance with Strapi’s 429 and Retry-After', async () => {
    server.strapi.server.app.proxy = true;
    const statuses: number[] = [];
    for (let i = 0; i < POINTS; i += 1)
      statuses.push((await publicGet(server, 'articles', { locale: 'fr' }).set(from('203.0.113.1'))).status);
    expect(statuses).toEqual(Array(POINTS).fill(200));

    const refused = await publicGet(server, 'articles', { locale: 'fr' }).set(from('203.0.113.1'));
    expectRateLimitRefusal(refused);

    // GraphQL is the same public API, so the same allowance.
    const graphql = await server.http().post('/graphql').set(from('203.0.113.1')).send({ query: '{ __typename }' });
    expect(graphql.status).toBe(429);
  });

  it('counts each client apart, by the address the proxy forwards', async () => {
    expect((await publicGet(server, 'articles', { locale: 'fr' }).set(from('203.0.113.2'))).status).toBe(200);
    expect((await publicGet(server, 'articles', { locale: 'fr' }).set(from('203.0.113.1'))).status).toBe(429);
  });

  it('never limits a valid token, even from a limited address', async () => {
    const token = await createFullAccessToken(server);
    for (let i = 0; i < POINTS + 3; i += 1) {
      const response = await publicGet(server, 'articles', { locale: 'fr' })
        .set(from('203.0.113.1'))
        .set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(200);
    }
  });

  it('limits refused credentials like anonymous requests', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < POINTS + 1; i += 1) {
      statuses.push(
        (await publicGet(server, 'articles', { locale: 'fr' }).set(from('203.0.113.3')).set('Authorization', 'Bearer guessed-token')).status
      );
    }
    expect(statuses).toEqual([...Array(POINTS).fill(401), 429]);
  });

  it('leaves the health check and static files alone', async () => {
    for (let i = 0; i < POINTS + 1; i += 1) expect((await server.http().get('/_health').set(from('203.0.113.1'))).status).toBe(204);
  });
});

const describeOnPostgres = POSTGRES_URL ? describe : describe.skip;

describeOnPostgres('rate limit store in PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const connections: Knex[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.destroy()));
    await database?.drop();
  });

  it('shares one count between two instances, each with its own connection pool', async () => {
    const config = { enabled: true, points: 4, durationSeconds: 60, store: 'database' as const };
    const instances = await Promise.all(
      [1, 2].map(() => {
        const connection = knex({ client: 'pg', connection: database.url, pool: { min: 0, max: 2 } });
        connections.push(connection);
        return createLimiter(config, { databaseClient: 'postgres', knex: connection, schema: 'public' });
      })
    );
    const [first, second] = instances.map((store) => store.limiter);
    await first.consume('anonymous:198.51.100.7');
    await second.consume('anonymous:198.51.100.7');
    await first.consume('anonymous:198.51.100.7');
    expect((await second.get('anonymous:198.51.100.7'))?.consumedPoints).toBe(3);
    await second.consume('anonymous:198.51.100.7');
    await expect(first.consume('anonymous:198.51.100.7')).rejects.toMatchObject({ remainingPoints: 0 });

    const rows = await connections[0](RATE_LIMIT_TABLE).select('key', 'points');
    expect(rows).toEqual([{ key: 'passerelle:anonymous:198.51.100.7', points: 5 }]);
  });

  // Instances started together on a new database each create the counters' table: PostgreSQL's
  // CREATE TABLE IF NOT EXISTS does not serialize, and the loser gets "type … already exists".
  it('starts every instance when several start at once on a database without the table', async () => {
    const config = { enabled: true, points: 4, durationSeconds: 60, store: 'database' as const };
    const connection = knex({ client: 'pg', connection: database.url, pool: { min: 0, max: 2 } });
    connections.push(connection);
    for (let round = 0; round < 10; round += 1) {
      await connection.schema.dropTableIfExists(RATE_LIMIT_TABLE);
      const starts = await Promise.allSettled(
        Array.from({ length: 6 }, () => {
          const instance = knex({ client: 'pg', connection: database.url, pool: { min: 0, max: 1 } });
          connections.push(instance);
          return createLimiter(config, { databaseClient: 'postgres', knex: instance, schema: 'public' });
        })
      );
      expect(starts.filter((start) => start.status === 'rejected')).toEqual([]);
    }
  });
});
