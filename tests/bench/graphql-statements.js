'use strict';
/**
 * GraphQL, Passerelle (P) against stock Strapi (S, tests/bench/stockApp.js), statement by statement:
 * the same queries sent to both, each arm in a process of its own on its own copy of the same
 * generated database. Prints, per query:
 * - the SQL statements one request runs (knex `query` events, after a warm-up request), and those P
 *   runs that S does not, each with the Passerelle frame that led to it;
 * - the server's CPU ms per request (`process.cpuUsage` around a batch of sequential requests,
 *   medians of interleaved rounds): what the shared, loaded machine cannot blur much;
 * - with `--profile`, P's and S's self time by origin (each Passerelle plugin, src/lib, Strapi's
 *   packages, graphql, knex…), from an in-process CPU profile of one more batch.
 *
 *   node tests/bench/graphql-statements.js [--size 300] [--batch 40] [--rounds 3] [--profile [--functions]]
 *                                          [--only <part of a query's name>] [--no-compile]
 *
 * Statement counts and CPU time are what to trust on this machine; wall-clock times are not printed.
 * The SQLite content-version watch (`PRAGMA data_version` on a connection of its own, not knex) is not
 * a knex statement and is not counted.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { fork } = require('node:child_process');
const { distDir, compileApp } = require('./benchApp');
const { appDir, workDir, benchEnv, datasetFor, copyOf } = require('./datasets');

const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const SIZE = Number(arg('size', 300));
const BATCH = Number(arg('batch', 40));
const ROUNDS = Number(arg('rounds', 3));
const PROFILE = process.argv.includes('--profile');
// Inside the brief's port range of this bench (41600-41699), so a stray server is easy to find.
const PORTS = { P: 41601, S: 41602 };

const FIELDS = `documentId title slug kind standfirst publishedAt
      cover { alternativeText credit image { url width height formats } }
      tags { label } editions { title slug } partners { name slug }`;

/** The queries both arms are sent; detail ones take a visible article of the list's first page. */
const queriesFor = ({ documentId, slug }) => [
  {
    name: 'list of 25 (run.js)',
    query: `query { articles(locale: "fr", sort: "publishedAt:desc", pagination: { page: 2, pageSize: 25 }) { ${FIELDS} } }`,
  },
  {
    name: 'list of 25, scalars only',
    query: 'query { articles(locale: "fr", sort: "publishedAt:desc", pagination: { page: 2, pageSize: 25 }) { documentId title slug } }',
  },
  {
    name: 'connection: total only',
    query: 'query { articles_connection(locale: "fr") { pageInfo { total pageCount } } }',
  },
  { name: 'detail by documentId', query: `query { article(documentId: "${documentId}", locale: "fr") { ${FIELDS} } }` },
  {
    name: 'detail by slug',
    query: `query { articles(locale: "fr", filters: { slug: { eq: "${slug}" } }) { ${FIELDS} } }`,
  },
];

// ---------------------------------------------------------------------------------------------------
// The arm: a child process serving the compiled app, counting statements and CPU on request.

/** Where a CPU profile node's code lives: a Passerelle plugin, src/lib, a package, or the runtime. */
const originOf = (url, functionName) => {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const plugin = /\/src\/plugins\/([\w-]+)\//.exec(url);
  if (plugin) return `Passerelle ${plugin[1]}`;
  if (/\/src\/lib\//.test(url)) return 'Passerelle src/lib';
  const pkg = /node_modules\/((?:@[\w.-]+\/)?[\w.-]+)\//.exec(url.slice(url.lastIndexOf('node_modules/')));
  if (pkg) return pkg[1];
  if (/\/(?:dist|stock-dist)\//.test(url)) return 'Passerelle app';
  if (url.startsWith('node:')) return 'node';
  return url;
};

/**
 * The Passerelle frames of a stack (async frames included), innermost first: which of Passerelle's
 * code a statement ran under. A Document Service middleware that only passes a read on shows too.
 */
const passerelleFrames = (stack) =>
  [
    ...new Set(
      stack
        .split('\n')
        .slice(1)
        .map((line) => /\/src\/((?:plugins\/[\w-]+|lib)\/.+?):(\d+):\d+\)?$/.exec(line))
        .filter(Boolean)
        .map((match) => `${match[1]}:${match[2]}`)
    ),
  ].join(' < ') || undefined;

const serveArm = async () => {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir: process.env.BENCH_DIST_DIR || distDir, serveAdminPanel: false, autoReload: false });
  await strapi.load();
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(Number(process.env.BENCH_PORT), '127.0.0.1', resolve));

  const knex = strapi.db.connection;
  let statements;
  const onQuery = (query) => statements.push({ sql: query.sql, from: passerelleFrames(new Error().stack) });
  let cpuBefore;
  let session;

  const handlers = {
    'count-begin': () => {
      statements = [];
      Error.stackTraceLimit = 80;
      knex.on('query', onQuery);
    },
    'count-end': () => {
      knex.off('query', onQuery);
      Error.stackTraceLimit = 10;
      return statements;
    },
    'cpu-begin': () => {
      cpuBefore = process.cpuUsage();
    },
    'cpu-end': () => {
      const { user, system } = process.cpuUsage(cpuBefore);
      return (user + system) / 1000;
    },
    'profile-begin': async () => {
      const { Session } = require('node:inspector/promises');
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    },
    'profile-end': async () => {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
      const selfMs = new Map();
      const passerelleFunctions = new Map();
      const functions = new Map();
      profile.samples.forEach((id, index) => {
        const { callFrame } = byNode.get(id);
        const ms = (profile.timeDeltas[index] ?? 0) / 1000;
        const origin = originOf(callFrame.url, callFrame.functionName);
        selfMs.set(origin, (selfMs.get(origin) ?? 0) + ms);
        const name = `${callFrame.functionName || '(anonymous)'} ${callFrame.url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${callFrame.lineNumber + 1}`;
        functions.set(name, (functions.get(name) ?? 0) + ms);
        if (origin.startsWith('Passerelle')) passerelleFunctions.set(name, (passerelleFunctions.get(name) ?? 0) + ms);
      });
      const top = [...functions].sort((a, b) => b[1] - a[1]).slice(0, 40);
      return { selfMs: [...selfMs], passerelleFunctions: [...passerelleFunctions], top };
    },
    stop: async () => {
      await strapi.destroy();
      process.exit(0);
    },
  };
  process.on('message', async ({ type, id }) => {
    try {
      process.send({ type: 'reply', id, value: await handlers[type]() });
    } catch (error) {
      process.send({ type: 'reply', id, error: String(error && error.stack ? error.stack : error) });
    }
  });
  process.send({ type: 'listening' });
};

// ---------------------------------------------------------------------------------------------------
// The parent: dataset, arms, requests, report.

const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

const startArm = (name, env) =>
  new Promise((resolve, reject) => {
    const child = fork(__filename, ['--arm'], { env: { ...process.env, ...env, BENCH_PORT: String(PORTS[name]) }, stdio: 'inherit' });
    children.add(child);
    child.on('exit', (code) => {
      children.delete(child);
      reject(new Error(`${name} exited with ${code}`));
    });
    let nextId = 0;
    const pending = new Map();
    child.on('message', (message) => {
      if (message.type === 'listening') {
        resolve({
          name,
          port: PORTS[name],
          ask: (type) =>
            new Promise((answer, fail) => {
              nextId += 1;
              pending.set(nextId, { answer, fail });
              child.send({ type, id: nextId });
            }),
          stop: () =>
            new Promise((done) => (child.removeAllListeners('exit'), child.once('exit', done), child.send({ type: 'stop', id: 0 }))),
        });
      } else if (message.type === 'reply' && pending.has(message.id)) {
        const { answer, fail } = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) fail(new Error(`${name}: ${message.error}`));
        else answer(message.value);
      }
    });
  });

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const post = (port, query) =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify({ query });
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          const json = JSON.parse(text);
          if (response.statusCode !== 200 || json.errors) reject(new Error(`${response.statusCode} ${text.slice(0, 300)}`));
          else resolve(json);
        });
      }
    );
    request.on('error', reject);
    request.end(body);
  });

/** `in (?, ?, ?)` and `in (?)` are one statement shape. */
const shapeOf = (sql) => sql.replace(/\(\s*\?(?:\s*,\s*\?)*\s*\)/g, '(?…)');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

const main = async () => {
  console.log(
    `GraphQL, P against S — Node ${process.version}, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`
  );
  if (!process.argv.includes('--no-compile')) {
    await compileApp();
  }
  const { buildStockDist } = require('./stockApp');
  const stockDist = buildStockDist(distDir, path.join(workDir, 'graphql', 'stock-dist'));
  const dataset = await datasetFor(SIZE);
  const arms = {
    P: await startArm('P', benchEnv(copyOf(dataset, 'P'), { CACHE_RESPONSES_MAX_MB: '0' })),
    S: await startArm('S', benchEnv(copyOf(dataset, 'S'), { BENCH_DIST_DIR: stockDist })),
  };

  const firstPage = await post(arms.P.port, 'query { articles(locale: "fr", sort: "publishedAt:desc") { documentId slug } }');
  const only = arg('only');
  const queries = queriesFor(firstPage.data.articles[3]).filter((q) => !only || q.name.includes(only));

  const rows = [];
  for (const { name, query } of queries) {
    const row = { name, statements: {}, extra: [], cpu: { P: [], S: [] }, answersAgree: true };
    const answers = {};
    for (const arm of Object.values(arms)) {
      answers[arm.name] = JSON.stringify(await post(arm.port, query)); // warm-up: permissions, locales, memos
      await arm.ask('count-begin');
      await post(arm.port, query);
      row.statements[arm.name] = await arm.ask('count-end');
    }
    row.answersAgree = answers.P === answers.S;
    const stockShapes = new Map();
    for (const { sql } of row.statements.S) stockShapes.set(shapeOf(sql), (stockShapes.get(shapeOf(sql)) ?? 0) + 1);
    for (const statement of row.statements.P) {
      const shape = shapeOf(statement.sql);
      if (stockShapes.get(shape)) stockShapes.set(shape, stockShapes.get(shape) - 1);
      else row.extra.push(statement);
    }
    row.missing = [...stockShapes].filter(([, count]) => count > 0);
    rows.push(row);
  }

  for (let round = 0; round < ROUNDS; round += 1) {
    for (const row of rows) {
      const { query } = queries.find((q) => q.name === row.name);
      const order = round % 2 ? ['S', 'P'] : ['P', 'S'];
      for (const name of order) {
        const arm = arms[name];
        for (let n = 0; n < 3; n += 1) await post(arm.port, query);
        await arm.ask('cpu-begin');
        for (let n = 0; n < BATCH; n += 1) await post(arm.port, query);
        row.cpu[name].push((await arm.ask('cpu-end')) / BATCH);
      }
    }
  }

  const profiles = {};
  if (PROFILE) {
    for (const name of ['P', 'S']) {
      const arm = arms[name];
      await arm.ask('profile-begin');
      for (const { query } of queries) for (let n = 0; n < BATCH; n += 1) await post(arm.port, query);
      profiles[name] = await arm.ask('profile-end');
    }
  }
  for (const arm of Object.values(arms)) await arm.stop();
  agent.destroy();

  const lines = [
    `\n### GraphQL, ${SIZE} articles × fr/en, SQLite (${ROUNDS} rounds of ${BATCH} sequential requests, medians)\n`,
    '| query | P statements | S statements | P CPU ms/req | S CPU ms/req | P/S CPU | same answer |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const p = median(row.cpu.P);
    const s = median(row.cpu.S);
    lines.push(
      `| ${row.name} | ${row.statements.P.length} | ${row.statements.S.length} | ${fmt(p, 2)} | ${fmt(s, 2)} | ${fmt(p / s, 2)}× | ${row.answersAgree ? 'yes' : 'NO'} |`
    );
  }
  for (const row of rows) {
    if (row.extra.length === 0 && row.missing.length === 0) continue;
    lines.push(`\n${row.name}: statements P runs that S does not`);
    for (const { sql, from } of row.extra) lines.push(`  + ${sql.slice(0, 300)}\n      under ${from ?? 'no Passerelle frame'}`);
    for (const [shape, count] of row.missing) lines.push(`  - ${count}× ${shape.slice(0, 300)}`);
  }
  if (PROFILE) {
    const total = (name) => profiles[name].selfMs.reduce((sum, [, ms]) => sum + ms, 0);
    lines.push(`\nSelf time by origin over one batch of every query (ms; P ${fmt(total('P'), 0)}, S ${fmt(total('S'), 0)}):`);
    const s = new Map(profiles.S.selfMs);
    for (const [origin, ms] of profiles.P.selfMs.sort((a, b) => b[1] - a[1]).slice(0, 25))
      lines.push(`  ${origin.padEnd(40)} P ${fmt(ms, 0).padStart(6)}   S ${fmt(s.get(origin) ?? 0, 0).padStart(6)}`);
    lines.push('\nPasserelle functions by self time in P (ms):');
    for (const [fn, ms] of profiles.P.passerelleFunctions.sort((a, b) => b[1] - a[1]).slice(0, 15))
      lines.push(`  ${fmt(ms, 1).padStart(7)}  ${fn}`);
    if (process.argv.includes('--functions'))
      for (const name of ['P', 'S']) {
        lines.push(`\nTop functions by self time in ${name} (ms):`);
        for (const [fn, ms] of profiles[name].top) lines.push(`  ${fmt(ms, 1).padStart(7)}  ${fn}`);
      }
  }
  console.log(lines.join('\n'));
  const out = path.join(workDir, `graphql-statements-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  fs.writeFileSync(out, `Command: node tests/bench/graphql-statements.js ${process.argv.slice(2).join(' ')}\n${lines.join('\n')}\n`);
  console.log(`\nWritten to ${path.relative(appDir, out)}`);
  process.exit(0);
};

(process.argv.includes('--arm') ? serveArm() : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
