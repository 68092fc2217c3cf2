import path from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import type { Core } from '@strapi/strapi';
import requestLog from '../../../../src/plugins/public-api/server/middlewares/request-log';

type Middleware = (ctx: unknown, next: () => Promise<unknown>) => Promise<unknown>;
type Factory = (config: unknown, context: { strapi: unknown }) => Middleware;
type Logger = { http: (message: string) => unknown };
type Winston = {
  createLogger(options: unknown): Logger;
  transports: { Stream: new (options: { stream: Writable }) => unknown };
  format: { printf(template: (info: { level: string; message: string }) => string): unknown };
};

/** Strapi's own `strapi::logger`, from its file (@strapi/core 5.54.0 exports no middleware): the one place that reads it, to compare. */
const strapiLogger = (): Factory => {
  const file = path.join(path.dirname(require.resolve('@strapi/core')), 'middlewares', 'logger.js');
  return (require(file) as { logger: Factory }).logger;
};

const { winston } = require('@strapi/logger') as { winston: Winston };

/** A winston logger at `level` whose only transport keeps the lines it writes. */
const loggerKeeping = (level: string, lines: string[]) =>
  winston.createLogger({
    level,
    format: winston.format.printf((info) => `${info.level} ${info.message}`),
    transports: [
      new winston.transports.Stream({
        stream: new Writable({
          write(chunk: Buffer, _encoding, done) {
            lines.push(chunk.toString().trim());
            done();
          },
        }),
      }),
    ],
  });

const LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'];

describe('request-log: the lines of strapi::logger, formatted only when written', () => {
  afterEach(() => jest.restoreAllMocks());

  it('writes what Strapi 5.54.0 writes for random requests, levels and failures (fast-check)', async () => {
    const theirs = strapiLogger();
    let clock = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => (clock += 3));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LEVELS),
        fc.array(
          fc.record({
            method: fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE'),
            url: fc.constantFrom('/api/articles', '/api/articles?locale=fr', '/admin', '/graphql', '/'),
            status: fc.constantFrom(200, 204, 304, 400, 404, 500),
            fails: fc.boolean(),
          }),
          { minLength: 1, maxLength: 6 }
        ),
        async (level, requests) => {
          const run = async (factory: Factory) => {
            const lines: string[] = [];
            const log = loggerKeeping(level, lines);
            const middleware = factory({}, { strapi: { log } });
            const outcomes: string[] = [];
            for (const { method, url, status, fails } of requests) {
              const ctx = { method, url, status };
              try {
                await middleware(ctx, () => (fails ? Promise.reject(new Error('downstream')) : Promise.resolve()));
                outcomes.push('ok');
              } catch (error) {
                outcomes.push((error as Error).message);
              }
            }
            // Winston writes through streams: let them drain.
            await new Promise((resolve) => setImmediate(resolve));
            return { lines, outcomes };
          };
          expect(await run(requestLog as unknown as Factory)).toEqual(await run(theirs));
        }
      ),
      { numRuns: 150 }
    );
  });

  it('does not make winston format a line no transport writes', async () => {
    const lines: string[] = [];
    const log = loggerKeeping('info', lines);
    const http = jest.spyOn(log, 'http');
    const middleware = requestLog({}, { strapi: { log } as unknown as Core.Strapi }) as unknown as Middleware;
    await middleware({ method: 'GET', url: '/api/articles', status: 200 }, () => Promise.resolve());
    expect(http).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });
});
