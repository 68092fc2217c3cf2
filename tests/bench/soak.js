'use strict';
/**
 * `npm run soak [-- --minutes 5 | --seconds 60] [--clients 4]`: two production instances of the built
 * app on one throwaway PostgreSQL database, on 127.0.0.1 only, under a mixed read load (list, slug,
 * feed, sitemap, digest, GraphQL) with a few writes a minute. Reports errors (there must be none),
 * p50/p99 per route and each process's memory at the start and the end; exits 1 on any error.
 * Needs SOAK_POSTGRES_URL or TEST_POSTGRES_URL: a connection allowed to create databases.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { adminQuery, databaseUrl } = require('../helpers/postgresAdmin');
const { throwawaySecrets } = require('../helpers/throwawaySecrets');

const APP_DIR = path.resolve(__dirname, '..', '..');
const STRAPI_BIN = path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const WRITE_EVERY_MS = 15000;
const MAX_MINUTES = 60;

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
};
const durationMs = Math.min(option('seconds', option('minutes', 5) * 60), MAX_MINUTES * 60) * 1000;
const clients = Math.min(option('clients', 4), 32);

const adminUrl = process.env.SOAK_POSTGRES_URL || process.env.TEST_POSTGRES_URL;
if (!adminUrl) {
  console.error('soak: set SOAK_POSTGRES_URL (or TEST_POSTGRES_URL) to a PostgreSQL connection allowed to create databases.');
  process.exit(2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = require('node:net').createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** Resident memory of a process in MB, from /proc (Linux). */
const rssMb = (pid) => {
  try {
    const line = fs
      .readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((row) => row.startsWith('VmRSS:'));
    return Math.round(Number(line.split(/\s+/)[1]) / 1024);
  } catch {
    return NaN;
  }
};

const startInstance = async (name, env) => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = require('node:child_process').spawn(process.execPath, [STRAPI_BIN, 'start'], {
    cwd: APP_DIR,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  for (const deadline = Date.now() + 180000; ;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/_health`)).status === 204) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not start:\n${output}`);
    await sleep(250);
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(timer);
  };
  return { name, url, pid: child.pid, stop, output: () => output };
};

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

const main = async () => {
  const name = `passerelle_soak_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const demoPassword = `Soak-${crypto.randomBytes(6).toString('hex')}-7aZ`;
  const env = {
    ...throwawaySecrets(),
    NODE_ENV: 'production',
    DATABASE_CLIENT: 'postgres',
    DATABASE_URL: databaseUrl(adminUrl, name),
    RATE_LIMIT_ENABLED: 'false',
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: 'warn',
    DEMO_ADMIN_EMAIL: 'soak@passerelle.local',
    DEMO_ADMIN_PASSWORD: demoPassword,
  };
  const instances = [];
  try {
    console.log(`soak: compiling, then starting two instances on PostgreSQL database ${name}`);
    if (!process.argv.includes('--no-compile')) {
      const { compileStrapi } = require('@strapi/strapi');
      await compileStrapi({ appDir: APP_DIR, ignoreDiagnostics: true });
    }
    // The first seeds the demo content and its admin; the second starts on the seeded database.
    instances.push(await startInstance('instance 1', { ...env, PASSERELLE_DEMO: 'true' }));
    instances.push(await startInstance('instance 2', env));

    const login = await (
      await fetch(`${instances[0].url}/admin/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: env.DEMO_ADMIN_EMAIL, password: demoPassword }),
      })
    ).json();
    const tokenAnswer = await (
      await fetch(`${instances[0].url}/admin/api-tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${login.data.token}` },
        body: JSON.stringify({ name: 'soak writer', type: 'full-access', lifespan: null }),
      })
    ).json();
    const token = tokenAnswer.data.accessKey;

    const articles = (await (await fetch(`${instances[0].url}/api/articles?locale=fr&pagination[pageSize]=100`)).json()).data;
    const slugs = articles.map((article) => article.slug).filter(Boolean);
    if (slugs.length === 0) throw new Error('the demo content has no article with a slug');
    const since = new Date(Date.now() - 90 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const graphqlBody = JSON.stringify({ query: 'query { articles(locale: "fr") { documentId title slug } }' });
    const routes = {
      list: () => ({ path: '/api/articles?locale=fr' }),
      slug: () => ({ path: `/api/articles/slug/${encodeURIComponent(slugs[Math.floor(Math.random() * slugs.length)])}?locale=fr` }),
      feed: () => ({
        path: `/api/feeds/${Math.random() < 0.5 ? 'fr' : 'en'}/all.${['rss', 'atom', 'json'][Math.floor(Math.random() * 3)]}`,
      }),
      sitemap: () => ({ path: '/sitemap.xml' }),
      digest: () => ({ path: `/api/newsletter/digest?locale=fr&since=${since}` }),
      graphql: () => ({ path: '/graphql', init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: graphqlBody } }),
    };
    const latencies = Object.fromEntries([...Object.keys(routes), 'write'].map((route) => [route, []]));
    const errors = [];

    const memoryStart = instances.map((instance) => rssMb(instance.pid));
    const endAt = Date.now() + durationMs;
    console.log(
      `soak: ${clients} readers for ${durationMs / 1000} s, a write every ${WRITE_EVERY_MS / 1000} s; memory at start ${memoryStart.join(' / ')} MB`
    );

    const reader = async (index) => {
      const names = Object.keys(routes);
      for (let request = index; Date.now() < endAt; request += 1) {
        const route = names[request % names.length];
        // Every route on both instances, in turn.
        const instance = instances[Math.floor(request / names.length) % instances.length];
        const { path: routePath, init } = routes[route]();
        const started = performance.now();
        try {
          const response = await fetch(`${instance.url}${routePath}`, init);
          const body = await response.text();
          if (response.status !== 200 || (route === 'graphql' && JSON.parse(body).errors))
            errors.push(`${instance.name} ${route} ${routePath}: ${response.status} ${body.slice(0, 200)}`);
        } catch (error) {
          errors.push(`${instance.name} ${route} ${routePath}: ${error.message}`);
        }
        latencies[route].push(performance.now() - started);
      }
    };
    const writer = async () => {
      for (let write = 0; Date.now() < endAt; write += 1) {
        const instance = instances[write % instances.length];
        const started = performance.now();
        try {
          const response = await fetch(`${instance.url}/api/articles?locale=fr&status=published`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify({
              data: {
                title: `Article du soak ${write} ${crypto.randomBytes(3).toString('hex')}`,
                kind: 'news',
                standfirst: 'Écrit pendant le soak.',
              },
            }),
          });
          if (response.status !== 201) errors.push(`${instance.name} write: ${response.status} ${(await response.text()).slice(0, 200)}`);
        } catch (error) {
          errors.push(`${instance.name} write: ${error.message}`);
        }
        latencies.write.push(performance.now() - started);
        await sleep(Math.min(WRITE_EVERY_MS, Math.max(0, endAt - Date.now())));
      }
    };
    await Promise.all([writer(), ...Array.from({ length: clients }, (_, index) => reader(index))]);
    const memoryEnd = instances.map((instance) => rssMb(instance.pid));

    console.log('\nroute     requests  p50 ms  p99 ms');
    for (const [route, values] of Object.entries(latencies)) {
      const sorted = [...values].sort((a, b) => a - b);
      console.log(
        `${route.padEnd(9)} ${String(values.length).padStart(8)}  ${percentile(sorted, 50).toFixed(0).padStart(6)}  ${percentile(sorted, 99).toFixed(0).padStart(6)}`
      );
    }
    instances.forEach((instance, index) =>
      console.log(`${instance.name}: resident memory ${memoryStart[index]} MB at start, ${memoryEnd[index]} MB at the end`)
    );
    console.log(`errors: ${errors.length}`);
    errors.slice(0, 20).forEach((error) => console.log(`  ${error}`));
    process.exitCode = errors.length === 0 ? 0 : 1;
  } finally {
    for (const instance of instances) await instance.stop();
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
