'use strict';
/**
 * `npm run bench:boot`: boot time and idle memory, Passerelle (P) against the same app with its code
 * switched off (S, tests/bench/stockApp.js), on copies of the same generated database.
 *
 *   npm run bench:boot                                  1,000 and 10,000 articles, 2 rounds
 *   npm run bench:boot -- --sizes 1000 --rounds 1       a quick run
 *   npm run bench:boot -- --sizes 1000 --cpu-prof       also writes each boot's CPU profile
 *   npm run bench:boot -- --sizes 1000 --heap-snapshot  also writes each arm's heap once idle
 *   npm run bench:boot -- --dataset some.db             boots on that database file instead (size 0 in the table)
 *
 * Each arm is a fresh process (tests/bench/benchServer.js) on a fresh copy of the dataset. Measured:
 * - boot: process start to the first 200 on a list request, as `npm run bench` measures it;
 * - the slowest register and bootstrap functions of the modules (plugins), and Strapi's own steps;
 * - memory: the peak RSS of the boot, and 3 s after the first answer the RSS, then the heap used after
 *   two full collections.
 * Profiles and snapshots go to .tmp/bench/profiles/ (open them in Chrome's DevTools).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { fork } = require('node:child_process');
const { buildStockDist } = require('./stockApp');
const { appDir, workDir, benchEnv, datasetFor, copyOf } = require('./datasets');

const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const DATASET = arg('dataset');
const SIZES = DATASET ? [0] : String(arg('sizes', '1000,10000')).split(',').map(Number);
const ROUNDS = Number(arg('rounds', 2));
const ARMS = String(arg('arms', 'P,S')).split(',');
const CPU_PROF = process.argv.includes('--cpu-prof');
const HEAP_SNAPSHOT = process.argv.includes('--heap-snapshot');
const IDLE_MS = 3000;
const profileDir = path.join(workDir, 'profiles');

const probePath = '/api/articles?locale=fr&pagination[pageSize]=1';

const get = (port, url) =>
  new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: url, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', () => resolve(0));
  });

/** Resident memory now and its peak since the process started (the boot's), from /proc. */
const rssMbOf = (pid) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number((status.match(new RegExp(`${name}:\\s+(\\d+)`)) ?? [0, 0])[1]);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
};

/** One boot of one arm: its timings and idle memory; the process is stopped before returning. */
const bootOnce = async (armName, env, label) => {
  const execArgv = ['--max-old-space-size=4096', '--expose-gc'];
  if (CPU_PROF) execArgv.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${label}.cpuprofile`);
  const started = Date.now();
  const child = fork(path.join(__dirname, 'benchServer.js'), [], {
    env: { ...process.env, ...env, BENCH_BOOT_TIMINGS: 'true' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv,
  });
  const replies = [];
  const waiting = [];
  child.on('message', (message) => {
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else replies.push(message);
  });
  const next = () =>
    new Promise((resolve, reject) => {
      if (replies.length > 0) return resolve(replies.shift());
      const onExit = (code) => reject(new Error(`${armName} exited with ${code}`));
      child.once('exit', onExit);
      waiting.push((message) => {
        child.off('exit', onExit);
        if (message.type === 'error') reject(new Error(`${armName}: ${message.message}`));
        else resolve(message);
      });
    });
  try {
    const listening = await next();
    const listeningMs = Date.now() - started;
    while ((await get(listening.port, probePath)) !== 200) await new Promise((resolve) => setTimeout(resolve, 25));
    const bootMs = Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const { now: idleRssMb, peak: bootPeakRssMb } = rssMbOf(child.pid);
    child.send({ type: 'memory' });
    const { result: memory } = await next();
    if (HEAP_SNAPSHOT) {
      child.send({ type: 'heap-snapshot', file: path.join(profileDir, `${label}.heapsnapshot`) });
      await next();
    }
    return { bootMs, listeningMs, marks: listening.marks ?? [], idleRssMb, bootPeakRssMb, heapUsedMb: memory.heapUsed / 2 ** 20, memory };
  } finally {
    await new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.send({ type: 'stop' });
      setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
    });
  }
};

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const mb = (value) => `${Math.round(value)} MB`;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Strapi's steps and the slowest lifecycles of one boot, for reading where the time goes. */
const describeMarks = (marks) => {
  const at = (name) => marks.find((mark) => mark.name === name)?.at;
  const slowest = marks
    .filter((mark) => mark.ms !== undefined && mark.ms >= 20)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8)
    .map((mark) => `${mark.name} ${mark.ms} ms`);
  return [
    `createStrapi done at ${at('created')} ms`,
    `modules' register ${at('register: modules start')}–${at('register: modules end')} ms`,
    `Strapi's bootstrap (database, schema sync, routes) until ${at('bootstrap: modules start')} ms`,
    `modules' bootstrap until ${at('bootstrap: modules end')} ms`,
    `loaded (the app's bootstrap) at ${at('loaded')} ms`,
    `listening at ${at('listening')} ms`,
    `slowest: ${slowest.join(', ') || 'none above 20 ms'}`,
  ].join('; ');
};

(async () => {
  const load = os.loadavg().map((l) => l.toFixed(2));
  console.log(`npm run bench:boot — Node ${process.version}, ${os.cpus().length} cores, load ${load.join(' ')}`);
  if (!process.argv.includes('--no-compile')) {
    const { compileStrapi } = require('@strapi/strapi');
    await compileStrapi({ appDir, ignoreDiagnostics: true });
  }
  fs.mkdirSync(profileDir, { recursive: true });
  const stockDist = buildStockDist(path.join(appDir, 'dist'), path.join(workDir, 'stock-dist'));
  const report = [];
  for (const size of SIZES) {
    const dataset = DATASET ? path.resolve(DATASET) : await datasetFor(size, { fresh: process.argv.includes('--fresh') });
    const results = Object.fromEntries(ARMS.map((arm) => [arm, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      // The arm order turns each round, so neither always boots on a cold page cache.
      for (let turn = 0; turn < ARMS.length; turn += 1) {
        const arm = ARMS[(turn + round) % ARMS.length];
        const env = benchEnv(copyOf(dataset, `boot-${arm}`), arm === 'S' ? { BENCH_DIST_DIR: stockDist } : {});
        const result = await bootOnce(arm, env, `boot-${arm}-${size}-${round + 1}`);
        results[arm].push(result);
        console.log(
          `  ${size} articles, round ${round + 1}, ${arm}: first 200 after ${seconds(result.bootMs)} (listening ${seconds(result.listeningMs)}), idle RSS ${mb(result.idleRssMb)} (peak ${mb(result.bootPeakRssMb)}), heap after GC ${mb(result.heapUsedMb)}\n    ${describeMarks(result.marks)}`
        );
      }
    }
    const rows = [
      `\n### Boot and idle memory, ${DATASET ? path.basename(DATASET) : `${size.toLocaleString('en-GB')} articles × fr/en`} (${ROUNDS} rounds, medians; load ${load.join(' ')})\n`,
      '| arm | boot to first 200 | peak RSS during boot | idle RSS | heap used after GC |',
      '|---|---|---|---|---|',
      ...ARMS.map((arm) => {
        const list = results[arm];
        return `| ${arm} | ${seconds(median(list.map((r) => r.bootMs)))} | ${mb(median(list.map((r) => r.bootPeakRssMb)))} | ${mb(median(list.map((r) => r.idleRssMb)))} | ${mb(median(list.map((r) => r.heapUsedMb)))} |`;
      }),
    ];
    console.log(rows.join('\n'));
    report.push(rows.join('\n'));
  }
  const out = path.join(workDir, `boot-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  fs.writeFileSync(out, `Command: npm run bench:boot -- ${process.argv.slice(2).join(' ')}\n${report.join('\n')}\n`);
  console.log(`\nTables written to ${path.relative(appDir, out)}`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
