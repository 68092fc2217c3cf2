import fs from 'node:fs';
import knex, { type Knex } from 'knex';
import { createTestDatabase, POSTGRES_URL } from './postgres';
import { bootStrapi, type TestServer } from './strapi';

/**
 * Each database a test boots its own instances on, with a connection of its own beside the app's, as
 * another process or tool would open (raw SQL, while an instance serves or while none runs).
 */
export type DatabaseWithRawAccess = {
  name: string;
  /** The app's database settings (a fresh PostgreSQL database; SQLite takes the file the test boots on). */
  env: () => Promise<Record<string, string>>;
  rawConnection: (server: { databaseFile: string }) => Knex;
  drop: () => Promise<void>;
};

const sqlite = (): DatabaseWithRawAccess => ({
  name: 'SQLite',
  env: () => Promise.resolve({}),
  rawConnection: ({ databaseFile }) => knex({ client: 'better-sqlite3', connection: { filename: databaseFile }, useNullAsDefault: true }),
  drop: () => Promise.resolve(),
});

const postgres = (): DatabaseWithRawAccess => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  return {
    name: 'PostgreSQL',
    env: async () => {
      database = await createTestDatabase();
      return { DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url };
    },
    rawConnection: () => knex({ client: 'pg', connection: database?.url }),
    drop: async () => {
      await database?.drop();
    },
  };
};

/** SQLite, and PostgreSQL where TEST_POSTGRES_URL is set (CI sets it): for `describe.each`. */
export const databasesWithRawAccess = (): DatabaseWithRawAccess[] => (POSTGRES_URL ? [sqlite(), postgres()] : [sqlite()]);

/**
 * One instance at a time on `database`, booted and stopped by the tests themselves (on the same file
 * or database each time), for a `describe` block; everything is removed after its tests.
 */
export const restartableServer = (database: DatabaseWithRawAccess, baseEnv: Record<string, string>) => {
  let env: Record<string, string> = {};
  let server: TestServer | undefined;
  let databaseFile: string | undefined;

  const stop = async () => {
    await server?.stop();
    server = undefined;
  };
  beforeAll(async () => {
    env = await database.env();
  });
  // A failed test must not leave its instance running on the database the next test boots on.
  afterEach(stop);
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    if (databaseFile) for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(databaseFile + suffix, { force: true });
    await database.drop();
  });
  return {
    boot: async (): Promise<TestServer> => {
      server = await bootStrapi({ databaseFile, env: { ...baseEnv, ...env } });
      databaseFile = server.databaseFile;
      return server;
    },
    stop,
    /** The SQLite file the instances boot on (PostgreSQL's too, unused). */
    databaseFile: (): string => databaseFile as string,
  };
};
