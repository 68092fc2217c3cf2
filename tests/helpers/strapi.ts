import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { temporaryDatabaseFile, testEnvironment } from './testEnvironment';
import { SQLITE_TEMPLATE } from './databaseTemplates';
import { generateOpenApiDocument, openApiConformance, type ConformanceCheck } from './openApiConformance';

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(APP_DIR, 'dist');

export type TestServer = {
  strapi: Core.Strapi;
  databaseFile: string;
  /** Requests to the app; every response is checked against the app's OpenAPI document (see openApiConformance). */
  http: () => ReturnType<typeof request>;
  /** Moves the app's clock (embargo, scheduling, edition status) without sleeping; `undefined` restores real time. */
  setNow: (instant?: Date | string) => void;
  /** Stops Strapi; the database file stays so a test can boot again on it. */
  stop: () => Promise<void>;
  /** Stops Strapi and deletes its database file. */
  destroy: () => Promise<void>;
};

type BootOptions = {
  /** Reuse the database of an earlier boot (to check what a second boot changes). */
  databaseFile?: string;
  env?: Record<string, string | undefined>;
  /** A new SQLite file starts empty, as on a site's very first boot, instead of from the tests' template. */
  emptyDatabase?: boolean;
};

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** supertest, with a conformance assertion attached to every request before the test adds its own. */
const conformingRequest = (agent: ReturnType<typeof request>, check: ConformanceCheck | undefined): ReturnType<typeof request> => {
  if (!check) return agent;
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || !HTTP_METHODS.has(property) || typeof value !== 'function') return value;
      return (url: string, ...rest: unknown[]) =>
        (value as (url: string, ...rest: unknown[]) => request.Test)
          .call(target, url, ...rest)
          .expect((response) =>
            check(
              { method: property.toUpperCase(), url },
              { status: response.status, headers: response.headers, body: response.body, text: response.text }
            )
          );
    },
  });
};

const applyEnvironment = (values: Record<string, string | undefined>) => {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = value;
  }
};

/** Boots the compiled app on a temporary SQLite database, admin panel not served. */
export const bootStrapi = async (options: BootOptions = {}): Promise<TestServer> => {
  const databaseFile = options.databaseFile ?? temporaryDatabaseFile(path.basename(expect.getState().testPath ?? 'test', '.test.ts'));
  const environment = { ...testEnvironment(databaseFile), ...options.env };
  const template = process.env[SQLITE_TEMPLATE];
  if (environment.DATABASE_CLIENT === 'sqlite' && !options.emptyDatabase && template && !fs.existsSync(databaseFile))
    fs.copyFileSync(template, databaseFile);
  applyEnvironment(environment);

  // Strapi keeps registries at module level, so a second boot in the same file needs fresh modules.
  jest.resetModules();
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = createStrapi({ appDir: APP_DIR, distDir: DIST_DIR, serveAdminPanel: false, autoReload: false });
  try {
    await strapi.load();
  } catch (error) {
    // A failed boot still holds the database connection; release it so Jest can exit by itself.
    await strapi.destroy().catch(() => undefined);
    throw error;
  }
  strapi.server.mount();
  const document = await generateOpenApiDocument(strapi);
  const conformance = document
    ? openApiConformance(document, strapi.config.get<string | undefined>('api.rest.prefix') ?? '/api')
    : undefined;

  const stop = async () => {
    await strapi.destroy();
  };
  // The clock module the app loaded (from dist/, in this file's module registry), not a second copy.
  const clock = require(path.join(DIST_DIR, 'src', 'lib', 'clock', 'clock.js')) as {
    setClock: (source: () => Date) => void;
    resetClock: () => void;
  };
  return {
    strapi,
    databaseFile,
    setNow: (instant) => {
      if (instant === undefined) clock.resetClock();
      else clock.setClock(() => new Date(instant));
    },
    http: () => conformingRequest(request(strapi.server.httpServer), conformance),
    stop,
    destroy: async () => {
      await stop();
      for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(databaseFile + suffix, { force: true });
    },
  };
};
