'use strict';
/**
 * The cached path against its ceiling: the same repeated slug lookup answered by Passerelle from its
 * response cache, and by a bare Node `http` server returning the same bytes and headers from memory;
 * then a GraphQL list of 25 (computed every time: POSTs are never cached). Each server runs in a
 * process of its own; the clients (CLIENTS keep-alive connections for SECONDS each round) run in a
 * worker thread of this one, a fresh one for each measure.
 * Prints req/s, p50/p99 and the server's CPU ms per request, medians of ROUNDS interleaved rounds.
 *
 *   node tests/bench/cached-path.bench.js [--size 500] [--clients 10] [--seconds 5] [--rounds 3] [--profile]
 *
 * `--profile` writes a CPU profile of the app's process (node --cpu-prof) to .tmp/profiles/.
 */
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { fork } = require('node:child_process');
const { loadInWorker, send } = require('./loadClients');

const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const SIZE = Number(arg('size', 500));
const CLIENTS = Number(arg('clients', 10));
const SECONDS = Number(arg('seconds', 5));
const ROUNDS = Number(arg('rounds', 3));
const PROFILE = process.argv.includes('--profile');

// The newest visible article: the generator schedules some articles in the future, which answer 404.
const NEWEST_SLUG = '/api/articles?locale=fr&sort=publishedAt:desc&pagination[pageSize]=1&fields[0]=slug';
const GRAPHQL_LIST = JSON.stringify({
  query: `query { articles(locale: "fr", sort: "publishedAt:desc", pagination: { page: 1, pageSize: 25 }) {
    documentId title slug kind standfirst publishedAt
    cover { alternativeText credit image { url width height formats } }
    tags { label } editions { title slug } partners { name slug }
  } }`,
});

/** Child process: the app (`app`) or the ceiling (`ceiling`), driven over IPC. */
const serve = async (mode) => {
  let server;
  if (mode === 'app') {
    const { generateDataset } = require('./generate-dataset');
    // `--no-compile` boots the dist/ already built (while tests use it, a compile would rewrite it).
    const app = await require('./benchApp').bootBenchApp({ compile: !process.argv.includes('--no-compile') });
    await generateDataset(app.strapi, SIZE, { log: () => undefined });
    server = app.strapi.server.httpServer;
    process.on('message', async (message) => {
      if (message.type === 'stop') {
        await app.stop();
        process.exit(0);
      }
    });
    process.send({ type: 'listening', port: app.port });
  } else {
    let answer;
    server = http.createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, answer.headers).end(answer.body));
    });
    server.keepAliveTimeout = 60_000;
    process.on('message', (message) => {
      if (message.type === 'answer') {
        answer = { headers: message.headers, body: Buffer.from(message.body, 'base64') };
        process.send({ type: 'ready' });
      } else if (message.type === 'stop') server.close(() => process.exit(0));
    });
    server.listen(0, '127.0.0.1', () => process.send({ type: 'listening', port: server.address().port }));
  }
  process.on('message', (message) => {
    if (message.type === 'cpu') process.send({ type: 'cpu', usage: process.cpuUsage() });
  });
};

const start = (mode) => {
  const execArgv =
    PROFILE && mode === 'app' ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(__dirname, '..', '..', '.tmp', 'profiles')] : [];
  const child = fork(__filename, ['--serve', mode, '--size', String(SIZE), ...process.argv.filter((flag) => flag === '--no-compile')], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv,
  });
  const next = (type) =>
    new Promise((resolve) => {
      const listener = (message) => {
        if (message.type !== type) return;
        child.off('message', listener);
        resolve(message);
      };
      child.on('message', listener);
    });
  return next('listening').then(({ port }) => ({
    port,
    send: (message, reply) => {
      const answered = reply ? next(reply) : Promise.resolve();
      child.send(message);
      return answered;
    },
    cpuMs: async () => {
      const { usage } = await (async () => {
        const answered = next('cpu');
        child.send({ type: 'cpu' });
        return answered;
      })();
      return (usage.user + usage.system) / 1000;
    },
    stop: () => new Promise((resolve) => (child.once('exit', resolve), child.send({ type: 'stop' }))),
  }));
};

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const median = (values) => percentile(values, 50);

/** One arm's load, its clients in a worker thread of their own (loadClients.js): this process holds no earlier answers. */
const load = async (server, call) => {
  const cpuBefore = await server.cpuMs();
  const { latencies, errors, firstError, elapsed } = await loadInWorker({
    port: server.port,
    requests: [{ method: 'GET', ...call }],
    seconds: SECONDS,
    clients: CLIENTS,
    accepted: [200],
  });
  const cpu = (await server.cpuMs()) - cpuBefore;
  if (errors > 0) throw new Error(`${errors} answers were not 200, the first: ${firstError}`);
  return {
    reqPerSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuMsPerRequest: cpu / latencies.length,
  };
};

const main = async () => {
  console.log(
    `Node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`
  );
  console.log(`Booting the app and generating ${SIZE} articles × fr/en…`);
  const app = await start('app');
  const ceiling = await start('ceiling');
  const get = (url) => send(undefined, app.port, { method: 'GET', path: url }, { keepBody: true });
  const newest = JSON.parse((await get(NEWEST_SLUG)).body.toString());
  const SLUG_PATH = `/api/articles/slug/${newest.data[0].slug}?locale=fr`;
  const first = await get(SLUG_PATH);
  const second = await get(SLUG_PATH);
  if (first.status !== 200 || second.headers['x-passerelle-cache'] !== 'hit')
    throw new Error(`no cache hit for ${SLUG_PATH}: ${first.status}`);
  const headers = Object.fromEntries(
    Object.entries(second.headers).filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name))
  );
  await ceiling.send({ type: 'answer', headers, body: second.body.toString('base64') }, 'ready');

  // Writes made by the generator leave work behind (search indexing, visibility bookkeeping): wait
  // until the app is idle (under 5 % of a core over a second, at most a minute) before measuring.
  let settled = 0;
  for (; settled < 60; settled += 1) {
    const before = await app.cpuMs();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if ((await app.cpuMs()) - before < 50) break;
  }
  console.log(settled < 60 ? `App idle after ${settled} s.` : 'The app was still busy after 60 s; its CPU per request includes that work.');

  const arms = [
    { name: 'cached slug, Passerelle', server: app, call: { path: SLUG_PATH } },
    { name: 'cached slug, ceiling (bare http, same bytes)', server: ceiling, call: { path: SLUG_PATH } },
    { name: 'GraphQL list of 25, Passerelle', server: app, call: { method: 'POST', path: '/graphql', body: GRAPHQL_LIST } },
  ];
  const results = arms.map(() => []);
  for (let round = 0; round < ROUNDS; round += 1)
    for (const [index, arm] of arms.entries()) results[index].push(await load(arm.server, arm.call));

  console.log(`\n${CLIENTS} clients, ${SECONDS} s per arm, median of ${ROUNDS} interleaved rounds:`);
  const rows = arms.map((arm, index) => {
    const of = (field) => median(results[index].map((result) => result[field]));
    return { arm: arm.name, reqPerSecond: of('reqPerSecond'), p50: of('p50'), p99: of('p99'), cpu: of('cpuMsPerRequest') };
  });
  for (const row of rows)
    console.log(
      `  ${row.arm.padEnd(46)} ${row.reqPerSecond.toFixed(0).padStart(6)} req/s · p50 ${row.p50.toFixed(2)} ms · p99 ${row.p99.toFixed(2)} ms · CPU ${row.cpu.toFixed(3)} ms/req`
    );
  console.log(`  cached slug at ${((100 * rows[0].reqPerSecond) / rows[1].reqPerSecond).toFixed(1)} % of the ceiling's req/s`);
  await Promise.all([app.stop(), ceiling.stop()]);
};

const mode = arg('serve', undefined);
(mode ? serve(mode) : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
