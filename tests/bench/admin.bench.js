'use strict';
// Measures what staff and CI wait for: the admin build (`strapi build`) and the panel's first load
// (navigation to /admin until the login form is usable), cold (fresh browser profile) and warm
// (same profile, cached assets). Usage: npm run bench:admin [-- --skip-build] [-- --runs=5]
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const appDir = path.resolve(__dirname, '..', '..');
const strapiBin = path.join(appDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const runs = Number((args.find((a) => a.startsWith('--runs=')) || '--runs=3').split('=')[1]);

const { throwawaySecrets } = require('../helpers/throwawaySecrets');
const { launchChromium } = require('../helpers/chromium');
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = net.createServer().on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const waitForHealth = async (url, child) => {
  const deadline = Date.now() + 90000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('strapi start exited');
    try {
      if ((await fetch(`${url}/_health`)).status === 204) return;
    } catch {
      // not yet listening
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no /_health answer within 90 s');
};

/** Navigation start → login button visible and enabled, plus what the browser downloaded. */
const loadLoginPage = async (context, url) => {
  const page = await context.newPage();
  let bytes = 0;
  page.on('response', async (response) => {
    const length = Number(response.headers()['content-length'] || 0);
    bytes += length;
  });
  const started = Date.now();
  await page.goto(`${url}/admin/auth/login`);
  await page.getByRole('button', { name: /connecter|log ?in/i }).waitFor({ state: 'visible', timeout: 120000 });
  const elapsed = Date.now() - started;
  await page.close();
  return { elapsed, bytes };
};

const main = async () => {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    ...throwawaySecrets(),
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_CRON: 'true',
    LOG_LEVEL: 'warn',
  };

  const results = { machine: `${os.cpus().length} cores, Node ${process.version}` };
  if (!skipBuild) {
    const started = Date.now();
    execFileSync(process.execPath, [strapiBin, 'build'], { cwd: appDir, env, stdio: 'inherit' });
    results.adminBuild = seconds(Date.now() - started);
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const databaseFile = path.join(os.tmpdir(), `passerelle-bench-${process.pid}.db`);
  const bootStarted = Date.now();
  const server = spawn(process.execPath, [strapiBin, 'start'], {
    cwd: appDir,
    env: { ...env, HOST: '127.0.0.1', PORT: String(port), DATABASE_FILENAME: databaseFile },
    stdio: 'ignore',
  });
  try {
    await waitForHealth(url, server);
    results.serverStart = seconds(Date.now() - bootStarted);
    // With no admin yet the panel shows the registration page; staff see the login page.
    await fetch(`${url}/admin/register-admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@passerelle.test', password: 'Bench-2031-pass', firstname: 'Bench', lastname: 'Passerelle' }),
    });

    const cold = [];
    const warm = [];
    let downloaded = 0;
    for (let run = 0; run < runs; run += 1) {
      const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-profile-'));
      const context = await launchChromium(profile);
      const first = await loadLoginPage(context, url);
      cold.push(first.elapsed);
      downloaded = first.bytes;
      warm.push((await loadLoginPage(context, url)).elapsed);
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
    results.firstLoadCold = `${seconds(median(cold))} (median of ${runs}: ${cold.map(seconds).join(', ')})`;
    results.firstLoadWarm = `${seconds(median(warm))} (median of ${runs})`;
    results.coldDownload = `${(downloaded / 1024 / 1024).toFixed(2)} MB (content-length sum)`;
  } finally {
    server.kill('SIGTERM');
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(databaseFile + suffix, { force: true });
  }
  console.log('\nAdmin panel benchmark');
  for (const [name, value] of Object.entries(results)) console.log(`  ${name.padEnd(14)} ${value}`);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
