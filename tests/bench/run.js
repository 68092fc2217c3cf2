'use strict';
/**
 * `npm run bench`: Passerelle against stock Strapi and against a ceiling, on the same database.
 *
 *   npm run bench                                     1,000, 10,000 and 50,000 articles, 2 rounds of 2 s
 *   npm run bench -- --sizes 1000                     a quick run
 *   npm run bench -- --routes slug,detail --rounds 3  some routes only
 *
 * Options: --sizes 1000,10000,50000 · --rounds 2 · --seconds 2 · --warmup-seconds 0.5 ·
 * --process-warmup-seconds 3 · --ceiling-seconds 2 · --clients 10 · --star-sizes 10000 and
 * --ceiling-sizes 10000 (where S* and C are measured; every size when --sizes has no 10000) ·
 * --routes <names> · --write-seconds 5 · --import-documents 300 · --heap-limit-mb 4096 (every arm's
 * `--max-old-space-size`) · --fresh (regenerate the datasets instead of reusing them).
 *
 * It generates each size's dataset once (tests/bench/generate-dataset.js, cached in .tmp/bench/
 * under a hash of the generator and the schemas; those missing two at a time, before any measure),
 * then for each size starts each arm in its own process on its own copy of that database (P and S
 * one after the other, since their boot times are reported, the others together):
 * - P: Passerelle, its response cache off (CACHE_RESPONSES_MAX_MB=0), so every answer is computed;
 * - P cached: Passerelle with its response cache, asked the same slugs again (the "cached slug" route);
 * - S: the same app with Passerelle's code switched off (tests/bench/stockApp.js), sent the explicit
 *   populate P applies by default; S*: the same stock app in another process, asked with `populate=*`
 *   (a reference, not a target: at --star-sizes only);
 * - C: a bare Node `http` server answering P's bytes from memory (tests/bench/ceilingServer.js), at
 *   --ceiling-sizes only.
 * Rounds are interleaved (every arm on a route, then the next route; the arm order turns each round)
 * and medians reported; the ceiling C, a bare server answering bytes from memory, is measured in the
 * first round only, for --ceiling-seconds after the route's warm-up (it only gives P/C; a
 * 1-s measure moved by half from one size to the next). Once booted, each arm is sent the routes both P and S serve, in turn, for
 * --process-warmup-seconds; before its first measure of a route, the same load unmeasured for
 * --warmup-seconds: p99 is the steady state's and not the process's or the route's first compilations.
 * The client sends `--clients` requests at a time for `--seconds` per measure.
 * CPU is the server process's user + system time from /proc, peak RSS its largest VmRSS sampled every
 * 50 ms during the measure; under the same load, each arm's peak (VmHWM) once the first round has
 * asked the routes both serve (those come first in every round); once the reads are done, each arm's
 * heap and RSS after two full collections: what it holds, beside the garbage its peak also counts.
 * Writes: create + publish through the Document Service, one after the other, in the server process
 * (P and S), in windows taken in turn. Import: `npm run import`'s code on an archive, in P.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { fork } = require('node:child_process');
const qs = require('qs');
const { distDir, compileApp } = require('./benchApp');
const { buildStockDist } = require('./stockApp');
const { appDir, workDir, benchEnv, datasetsFor, copyOf } = require('./datasets');
const { send: sendWith, loadInWorker } = require('./loadClients');

const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const SIZES = String(arg('sizes', '1000,10000,50000')).split(',').map(Number);
const ROUNDS = Number(arg('rounds', 2));
const SECONDS = Number(arg('seconds', 2));
const WARMUP_SECONDS = Number(arg('warmup-seconds', 0.5));
const PROCESS_WARMUP_SECONDS = Number(arg('process-warmup-seconds', 3));
const CEILING_SECONDS = Number(arg('ceiling-seconds', 2));
const CLIENTS = Number(arg('clients', 10));
const WRITE_SECONDS = Number(arg('write-seconds', 5));
const IMPORT_DOCUMENTS = Number(arg('import-documents', 300));
// V8 lets the old generation grow to 4 times what survived its last full collection when the heap
// limit is 2 GB or more (heap-controller.h, kMaxSize), less below: a smaller limit, as Node gives a
// machine of a few GB, shows the memory an arm needs rather than the garbage V8 chose to keep.
const HEAP_LIMIT_MB = Number(arg('heap-limit-mb', 4096));
const FRESH = process.argv.includes('--fresh');
// S* (stock asked with `populate=*`) is a reference, not a target: by default it is measured at
// 10,000 articles, the size the targets are given at (at every size when the run has no 10,000).
const sizesArg = (name) => (arg(name) ? String(arg(name)).split(',').map(Number) : SIZES.includes(10000) ? [10000] : SIZES);
const STAR_SIZES = sizesArg('star-sizes');
// The ceiling gives P/C, which the targets compare at 10,000 articles too; a bare server's answer
// does not depend on the dataset's size beyond the bytes P answers.
const CEILING_SIZES = sizesArg('ceiling-sizes');
const CLOCK_TICK_MS = 10; // Linux USER_HZ is 100 on every kernel Node supports (getconf CLK_TCK).

// ---------------------------------------------------------------------------------------------------
// Routes: what each arm is asked. `P`, `S` and `S*` build one request each time they are called.

const documentIdOf = (i) => `ar${i.toString(36).padStart(22, '0')}`;
const slugOf = (i, locale) => (locale === 'fr' ? `actualite-numero-${i}` : `news-item-number-${i}`);
const pick = (size) => Math.floor(Math.random() * size);
const someLocale = () => (Math.random() < 0.5 ? 'fr' : 'en');

/**
 * The population P's article routes apply when the client asks for none: a copy of
 * src/api/article/middlewares/article-populate.ts built from the same fragments, sent to S explicitly.
 */
const articlePopulate = () => {
  const fragments = require(path.join(distDir, 'src', 'plugins', 'public-api', 'server', 'rest', 'populateFragments'));
  return qs.stringify(
    {
      populate: {
        cover: fragments.creditedImage,
        pressImages: fragments.creditedImage,
        attachments: true,
        tags: true,
        editions: fragments.editionSummary,
        partners: fragments.partnerSummary,
        pressContacts: fragments.personSummary,
        seo: true,
      },
    },
    { encodeValuesOnly: true }
  );
};

const graphqlList = (page) => ({
  method: 'POST',
  path: '/graphql',
  body: JSON.stringify({
    query: `query { articles(locale: "fr", sort: "publishedAt:desc", pagination: { page: ${page}, pageSize: 25 }) {
      documentId title slug kind standfirst publishedAt
      cover { alternativeText credit image { url width height formats } }
      tags { label } editions { title slug } partners { name slug }
    } }`,
  }),
});

/**
 * A site's page asking its article by slug, as GraphQL sites do (Strapi's GraphQL has no slug query):
 * one query text, the slug and locale as variables.
 */
const GRAPHQL_BY_SLUG = `query ArticleBySlug($slug: String!, $locale: I18NLocaleCode) {
  articles(locale: $locale, filters: { slug: { eq: $slug } }) {
    documentId title slug kind standfirst body publishedAt
    cover { alternativeText credit image { url width height formats } }
    tags { label } editions { title slug } partners { name slug } seo { metaTitle metaDescription }
  }
}`;
const graphqlBySlug = (slug, locale) => ({
  method: 'POST',
  path: '/graphql',
  body: JSON.stringify({ query: GRAPHQL_BY_SLUG, variables: { slug, locale } }),
});

const routesFor = (size) => {
  const populate = articlePopulate();
  const sitemapLastFile = { path: '/sitemap.xml' };
  const deepPage = Math.max(2, Math.floor((0.9 * size) / 25));
  const list = (page) => `/api/articles?locale=${someLocale()}&pagination[page]=${page}&pagination[pageSize]=25`;
  const cachedSlugs = Array.from({ length: 50 }, (_, n) => [Math.floor((n * size) / 50), n % 2 ? 'en' : 'fr']);
  const get = (url) => ({ method: 'GET', path: url });
  return [
    { name: 'list page 1', P: () => get(list(1)), S: () => get(`${list(1)}&${populate}`), 'S*': () => get(`${list(1)}&populate=*`) },
    {
      name: `page ${deepPage}`,
      key: 'deep page',
      P: () => get(list(deepPage)),
      S: () => get(`${list(deepPage)}&${populate}`),
      'S*': () => get(`${list(deepPage)}&populate=*`),
    },
    {
      name: 'slug lookup',
      key: 'slug',
      P: () => {
        const locale = someLocale();
        return get(`/api/articles/slug/${slugOf(pick(size), locale)}?locale=${locale}`);
      },
      S: () => {
        const locale = someLocale();
        return get(`/api/articles?locale=${locale}&filters[slug][$eq]=${slugOf(pick(size), locale)}&${populate}`);
      },
      'S*': () => {
        const locale = someLocale();
        return get(`/api/articles?locale=${locale}&filters[slug][$eq]=${slugOf(pick(size), locale)}&populate=*`);
      },
    },
    {
      name: 'detail',
      P: () => get(`/api/articles/${documentIdOf(pick(size))}?locale=${someLocale()}`),
      S: () => get(`/api/articles/${documentIdOf(pick(size))}?locale=${someLocale()}&${populate}`),
      'S*': () => get(`/api/articles/${documentIdOf(pick(size))}?locale=${someLocale()}&populate=*`),
    },
    { name: 'GraphQL list of 25', key: 'graphql', P: () => graphqlList(1 + pick(20)), S: () => graphqlList(1 + pick(20)) },
    {
      name: 'GraphQL by slug',
      key: 'graphql-slug',
      P: () => {
        const locale = someLocale();
        return graphqlBySlug(slugOf(pick(size), locale), locale);
      },
      S: () => {
        const locale = someLocale();
        return graphqlBySlug(slugOf(pick(size), locale), locale);
      },
    },
    { name: 'RSS feed (all)', key: 'rss', P: () => get(`/api/feeds/${someLocale()}/all.rss`) },
    { name: 'JSON Feed', key: 'json-feed', P: () => get(`/api/feeds/${someLocale()}/all.json`) },
    { name: 'digest HTML', key: 'digest', P: () => get(`/api/newsletter/digest?locale=${someLocale()}&since=2026-10-01&format=html`) },
    { name: 'sitemap.xml', key: 'sitemap', P: () => get('/sitemap.xml') },
    {
      // The sitemap's last file: the part that also dates the home pages (the whole sitemap when it fits one file).
      // Its size differs from one dataset to the next (the rest of the addresses after the full parts):
      // its name says how many addresses it holds, so that its cost can be compared per address.
      name: 'sitemap, last file',
      key: 'sitemap-last',
      P: () => get(sitemapLastFile.path),
      prepare: async (port) => {
        const index = await send(port, get('/sitemap.xml'), { keepBody: true });
        const parts = [...String(index.body).matchAll(/<sitemap><loc>([^<]+)<\/loc><\/sitemap>/g)];
        if (parts.length > 0) sitemapLastFile.path = new URL(parts[parts.length - 1][1]).pathname;
        const last = await send(port, get(sitemapLastFile.path), { keepBody: true });
        const addresses = String(last.body).split('<url>').length - 1;
        return `sitemap, last file (${parts.length > 0 ? `part ${parts.length}, ` : ''}${addresses.toLocaleString('en')} addresses)`;
      },
    },
    {
      name: 'cached slug',
      key: 'cached-slug',
      cached: true,
      P: () => {
        const [i, locale] = cachedSlugs[pick(cachedSlugs.length)];
        return get(`/api/articles/slug/${slugOf(i, locale)}?locale=${locale}`);
      },
    },
  ].map((route) => ({ key: route.name, ...route }));
};

// ---------------------------------------------------------------------------------------------------
// Processes and measures.

const readProc = (pid) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number((status.match(new RegExp(`${name}:\\s+(\\d+)`)) ?? [0, 0])[1]);
    return { cpuMs: (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS, rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return { cpuMs: 0, rssMb: 0, peakMb: 0 };
  }
};

/** Arms still running, stopped if the bench fails half-way. */
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/**
 * The agent of the requests sent outside measures (probing an arm's boot, preparing routes): a
 * connection each, since between two of them a server may close an idle one (Node's 5 s).
 */
const agent = new http.Agent({ keepAlive: false });
const send = (port, request, options) => sendWith(agent, port, request, options);

const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
/** The middle value, or the mean of the two middle ones (of two rounds, not the worse one). */
const median = (values) => {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** What `armName` is asked on `route`: a function building one request each time it is called. */
const requestsOf = (route, armName) =>
  armName === 'C'
    ? () => ({ ...route.P(), path: `/${encodeURIComponent(route.key)}` })
    : armName === 'S*'
      ? route['S*']
      : armName.startsWith('P')
        ? route.P
        : route.S;

/** Distinct requests drawn for a measure, sent in turn (a measure sends up to about 40,000). */
const REQUESTS_PER_MEASURE = 4096;

/**
 * `CLIENTS` clients for `seconds`, each sending the next request when its answer arrives, in a worker
 * thread of their own (see loadClients.js); `accepted` lists the statuses that count as answers (all
 * when absent). The arm's peak RSS is sampled meanwhile.
 */
const load = async (arm, nextRequest, accepted, seconds = SECONDS) => {
  const requests = Array.from({ length: REQUESTS_PER_MEASURE }, nextRequest);
  let peakRssMb = readProc(arm.pid).rssMb;
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, readProc(arm.pid).rssMb)), 50);
  const before = readProc(arm.pid);
  const { latencies, errors, firstError, elapsed } = await loadInWorker({ port: arm.port, requests, seconds, clients: CLIENTS, accepted });
  clearInterval(sampler);
  const after = readProc(arm.pid);
  const requestCount = latencies.length + errors;
  return {
    reqPerSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuMsPerRequest: requestCount ? (after.cpuMs - before.cpuMs) / requestCount : NaN,
    peakRssMb: Math.max(peakRssMb, after.rssMb),
    errors,
    firstError,
  };
};

/** Starts one arm's process and waits until `probe` answers 200; the time it took is its boot time. */
const startArm = async (name, script, { env = {}, args = [], probe } = {}) => {
  const started = Date.now();
  const child = fork(script, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [`--max-old-space-size=${HEAP_LIMIT_MB}`, '--expose-gc'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const messages = [];
  const waiters = [];
  child.on('message', (message) => {
    const waiter = waiters.findIndex((w) => w.type === message.type || message.type === 'error');
    if (waiter >= 0) waiters.splice(waiter, 1)[0].resolve(message);
    else messages.push(message);
  });
  const next = (type) =>
    new Promise((resolve, reject) => {
      const index = messages.findIndex((message) => message.type === type);
      if (index >= 0) return resolve(messages.splice(index, 1)[0]);
      const onExit = (code) => reject(new Error(`${name} exited with ${code} while waiting for ${type}`));
      child.once('exit', onExit);
      waiters.push({
        type,
        resolve: (message) => {
          child.off('exit', onExit);
          if (message.type === 'error') reject(new Error(`${name}: ${message.message}`));
          else resolve(message);
        },
      });
    });
  const { port } = await next('listening');
  if (probe) {
    for (;;) {
      const { status } = await send(port, probe);
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  const bootMs = Date.now() - started;
  const ask = async (message, reply) => {
    child.send(message);
    return next(reply);
  };
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.send({ type: 'stop' });
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    });
  return { name, pid: child.pid, port, bootMs, ask, stop, child };
};

/** An archive in `npm run import`'s format (src/plugins/bulk-import/README.md), for the import rate. */
const importArchiveFile = (count) => {
  const documents = Array.from({ length: count }, (_, n) => ({
    type: 'api::article.article',
    locale: n % 2 ? 'en' : 'fr',
    slug: `import-bench-${n}`,
    status: 'published',
    fields: {
      title: `Import de banc ${n}`,
      kind: 'news',
      standfirst: 'Un article importé pendant le banc d’essai.',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Un paragraphe de texte importé.' }] }],
      byline: 'Banc',
      tags: [{ label: 'import' }],
    },
  }));
  const file = path.join(workDir, 'run', 'import-archive.json');
  fs.writeFileSync(file, JSON.stringify({ documents }));
  return file;
};

// ---------------------------------------------------------------------------------------------------
// Output.

const fmt = (value, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–';
const ms = (value) =>
  Number.isFinite(value) ? (value >= 1000 ? `${fmt(value / 1000, 1)} s` : `${fmt(value, value < 10 ? 1 : 0)} ms`) : '–';
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${fmt(a / b, a / b < 0.1 ? 3 : 2)}×` : '–');

const printTable = (size, routes, results, extras) => {
  const rows = [
    `\n### ${size.toLocaleString('en-GB')} articles × fr/en (${ROUNDS} rounds of ${SECONDS} s, ${CEILING_SIZES.includes(size) ? `C once for ${CEILING_SECONDS} s` : 'no C at this size'}, ${CLIENTS} clients, medians)\n`,
    '| route | P req/s | S req/s | S\\* req/s | C req/s | P p50 / p99 | S p50 / p99 | P CPU ms/req | S CPU ms/req | P peak RSS | S peak RSS | P/S | P/C |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const route of routes) {
    const of = (arm) => results.get(`${route.key}|${arm}`);
    const p = of(route.cached ? 'P cached' : 'P');
    const s = of('S');
    const star = of('S*');
    const c = of('C');
    const peak = (r) => (r ? `${fmt(r.peakRssMb)} MB` : '–');
    rows.push(
      `| ${route.name} | ${fmt(p?.reqPerSecond)} | ${fmt(s?.reqPerSecond)} | ${fmt(star?.reqPerSecond)} | ${fmt(c?.reqPerSecond)} | ${ms(p?.p50)} / ${ms(p?.p99)} | ${s ? `${ms(s.p50)} / ${ms(s.p99)}` : '–'} | ${fmt(p?.cpuMsPerRequest, 2)} | ${fmt(s?.cpuMsPerRequest, 2)} | ${peak(p)} | ${peak(s)} | ${ratio(p?.reqPerSecond, s?.reqPerSecond)} | ${ratio(p?.reqPerSecond, c?.reqPerSecond)} |`
    );
  }
  rows.push('');
  for (const line of extras) rows.push(`- ${line}`);
  const text = rows.join('\n');
  console.log(text);
  return text;
};

// ---------------------------------------------------------------------------------------------------

const runStarted = Date.now();
(async () => {
  console.log(
    `npm run bench — Node ${process.version}, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`
  );
  if (!process.argv.includes('--no-compile')) await compileApp();
  const stockDist = buildStockDist(distDir, path.join(workDir, 'stock-dist'));
  const wanted = arg('routes') ? String(arg('routes')).split(',') : undefined;
  const report = [];
  // Every dataset before any measure: those missing are generated side by side (datasets.js).
  const datasets = await datasetsFor(SIZES, { fresh: FRESH });

  for (const size of SIZES) {
    const dataset = datasets.get(size);
    const routes = routesFor(size)
      .filter((route) => !wanted || wanted.includes(route.key) || wanted.includes(route.name))
      .map((route) => (STAR_SIZES.includes(size) ? route : { ...route, 'S*': undefined }));
    const probe = { method: 'GET', path: '/api/articles?locale=fr&pagination[pageSize]=1' };
    const arms = {};
    // P and S boot alone: their boot times are reported.
    arms.P = await startArm('P', path.join(__dirname, 'benchServer.js'), {
      env: benchEnv(copyOf(dataset, 'P'), { CACHE_RESPONSES_MAX_MB: '0' }),
      probe,
    });
    arms.S = await startArm('S', path.join(__dirname, 'benchServer.js'), {
      env: benchEnv(copyOf(dataset, 'S'), { BENCH_DIST_DIR: stockDist }),
      probe,
    });
    // The other arms' boots are not measured: they boot together.
    const others = [
      // S* in a process of its own, so that S's memory is that of S's requests alone.
      routes.some((route) => route['S*']) &&
        startArm('S*', path.join(__dirname, 'benchServer.js'), {
          env: benchEnv(copyOf(dataset, 'S-star'), { BENCH_DIST_DIR: stockDist }),
          probe,
        }),
      // P cached on a copy of its own: on P's, P's writes found the file locked by it.
      routes.some((route) => route.cached) &&
        startArm('P cached', path.join(__dirname, 'benchServer.js'), {
          env: benchEnv(copyOf(dataset, 'P-cached')),
          probe,
        }),
      // The ceiling answers P's own bytes for each route.
      CEILING_SIZES.includes(size) && startArm('C', path.join(__dirname, 'ceilingServer.js')),
    ];
    for (const arm of await Promise.all(others.filter(Boolean))) arms[arm.name] = arm;
    // A route's preparation may name it after what it found (the sitemap file's addresses).
    for (const route of routes) if (route.prepare) route.name = (await route.prepare(arms.P.port)) ?? route.name;
    if (arms.C) {
      const responses = {};
      for (const route of routes) {
        const answer = await send(arms.P.port, route.P(), { keepBody: true });
        responses[route.key] = {
          status: answer.status,
          contentType: answer.contentType ?? 'application/json',
          body: (answer.body ?? Buffer.alloc(0)).toString('base64'),
        };
      }
      await arms.C.ask({ type: 'responses', responses }, 'ready');
    }

    const results = new Map();
    const samples = new Map();
    // The ceiling in the first round only: a second measure of it would cost as much as P's and tell nothing more.
    const armsOf = (route, round = 0) => [
      route.cached ? 'P cached' : 'P',
      ...(route.S ? ['S'] : []),
      ...(route['S*'] ? ['S*'] : []),
      ...(round === 0 && CEILING_SIZES.includes(size) ? ['C'] : []),
    ];
    // The routes S serves too come first in each round: after the first round's, both arms have had the
    // same load, and their peaks so far compare memory for the same work (P's feeds, digest and sitemap
    // come after).
    const shared = routes.filter((route) => route.S);
    const inRoundOrder = [...shared, ...routes.filter((route) => !route.S)];
    // Each arm's own warm-up, before any measure: a freshly booted process is still compiling its code
    // for seconds (P on the 10,000 dataset: a p99 of 141 ms in its first second of list pages, 42 in the
    // next three, 34 after), which a second per route did not cover; the first route's first round was
    // a cold one. Every arm gets the same: the routes both P and S serve, in turn (P's own routes come
    // after the same-load peak, and the cached arm gets its slugs). The arms warm up in the reverse of
    // the first round's order, P last: P's first measure, seconds after its warm-up when it came first,
    // ran at twice its CPU a request with a warm-up of 0.5 s per route (list page 1, 7 December).
    if (PROCESS_WARMUP_SECONDS > 0)
      for (const [armName, arm] of Object.entries(arms).reverse()) {
        const builders = routes
          .filter((route) => (route.S || route.cached) && armsOf(route).includes(armName))
          .map((route) => requestsOf(route, armName));
        let turn = 0;
        if (builders.length > 0) await load(arm, () => builders[turn++ % builders.length](), undefined, PROCESS_WARMUP_SECONDS);
      }
    let sameLoadPeak;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const route of inRoundOrder) {
        const order = armsOf(route, round);
        for (let turn = 0; turn < order.length; turn += 1) {
          const armName = order[(turn + round) % order.length];
          const arm = arms[armName];
          const next = requestsOf(route, armName);
          // Slug and detail may land on a scheduled or embargoed article: a 404 is the right answer.
          const accepted = /slug|detail/.test(route.key) ? [200, 404] : [200];
          if (route.cached && round === 0 && turn === 0) for (let n = 0; n < 100; n += 1) await send(arm.port, route.P());
          const seconds = armName === 'C' ? CEILING_SECONDS : SECONDS;
          // A round's first route comes after the last round's heaviest (P's sitemap files): without its
          // own warm-up, P's list page 1 ran at half its speed and twice its CPU a request in the second
          // round (580 to 800 requests a second against 1,100 to 1,300 in the first, in three runs of
          // four), and a full collection of every arm between the rounds did not change it.
          const warmingUp = round === 0 || route === inRoundOrder[0];
          if (warmingUp && WARMUP_SECONDS > 0) await load(arm, next, accepted, Math.min(WARMUP_SECONDS, seconds / 2));
          const result = await load(arm, next, accepted, seconds);
          if (result.errors) console.log(`  ${route.name} on ${armName}: ${result.errors} errors (${result.firstError})`);
          const key = `${route.key}|${armName}`;
          if (!samples.has(key)) samples.set(key, []);
          samples.get(key).push(result);
          process.stdout.write(
            `  round ${round + 1} · ${route.name} · ${armName}: ${fmt(result.reqPerSecond)} req/s, p99 ${ms(result.p99)}\n`
          );
        }
        if (round === 0 && route === shared[shared.length - 1])
          sameLoadPeak = { P: readProc(arms.P.pid).peakMb, S: readProc(arms.S.pid).peakMb };
      }
    }
    for (const [key, list] of samples)
      results.set(key, {
        reqPerSecond: median(list.map((r) => r.reqPerSecond)),
        p50: median(list.map((r) => r.p50)),
        p99: median(list.map((r) => r.p99)),
        cpuMsPerRequest: median(list.map((r) => r.cpuMsPerRequest)),
        peakRssMb: Math.max(...list.map((r) => r.peakRssMb)),
      });

    const extras = [
      `Boot to first 200: P ${ms(arms.P.bootMs)}, S ${ms(arms.S.bootMs)} (process start to an answered list request, database of ${size} articles).`,
    ];
    // The reads' peak, before the writes and the import (which S does not run) add theirs.
    const readsPeak = { P: readProc(arms.P.pid).peakMb, S: readProc(arms.S.pid).peakMb };
    const held = {};
    for (const armName of ['P', 'S']) held[armName] = (await arms[armName].ask({ type: 'memory' }, 'memory')).result;
    const mb = (bytes) => fmt(bytes / 1048576);
    if (WRITE_SECONDS > 0) {
      // Each arm writes in windows taken in turn (P S S P …), summed: one window per arm moved P/S by
      // 20 % from run to run, as the machine's pace drifted between the two.
      const windows = Math.max(2, ROUNDS);
      const totals = { P: { documents: 0, seconds: 0, cpuMs: 0 }, S: { documents: 0, seconds: 0, cpuMs: 0 } };
      for (let window = 0; window < windows; window += 1) {
        for (const armName of window % 2 ? ['S', 'P'] : ['P', 'S']) {
          const before = readProc(arms[armName].pid);
          const { result } = await arms[armName].ask({ type: 'writes', seconds: WRITE_SECONDS / windows }, 'writes');
          const after = readProc(arms[armName].pid);
          totals[armName].documents += result.documents;
          totals[armName].seconds += result.seconds;
          totals[armName].cpuMs += after.cpuMs - before.cpuMs;
        }
      }
      const writes = Object.fromEntries(
        Object.entries(totals).map(([armName, total]) => [
          armName,
          { perSecond: total.documents / total.seconds, cpuMs: total.cpuMs / Math.max(1, total.documents) },
        ])
      );
      extras.push(
        `Writes (create + publish through the Document Service, one at a time, ${WRITE_SECONDS} s an arm in ${windows} windows taken in turn): P ${fmt(writes.P.perSecond, 1)} documents/s (${fmt(writes.P.cpuMs, 1)} ms CPU each), S ${fmt(writes.S.perSecond, 1)} documents/s (${fmt(writes.S.cpuMs, 1)} ms CPU each), P/S ${ratio(writes.P.perSecond, writes.S.perSecond)}.`
      );
      if (IMPORT_DOCUMENTS > 0 && fs.existsSync(path.join(distDir, 'src', 'plugins', 'bulk-import', 'server', 'importArchive.js'))) {
        const { result } = await arms.P.ask({ type: 'import', file: importArchiveFile(IMPORT_DOCUMENTS) }, 'import');
        const rate = result.documents / result.seconds;
        extras.push(
          `Bulk import (\`npm run import\`, ${result.documents} published articles, every write rule): ${fmt(rate, 1)} documents/s in P, ${ratio(rate, writes.P.perSecond)} the Document Service's create + publish.`
        );
      }
    }
    extras.push(
      `Peak RSS over the whole run: P ${fmt(readProc(arms.P.pid).peakMb)} MB, S ${fmt(readProc(arms.S.pid).peakMb)} MB; over the reads alone: P ${fmt(readsPeak.P)} MB, S ${fmt(readsPeak.S)} MB.`,
      `Held after the reads (two full collections): P heap ${mb(held.P.heapUsed)} MB of ${mb(held.P.heapTotal)}, RSS ${mb(held.P.rss)} MB; S heap ${mb(held.S.heapUsed)} MB of ${mb(held.S.heapTotal)}, RSS ${mb(held.S.rss)} MB (heap limit ${fmt(HEAP_LIMIT_MB)} MB).`
    );
    if (sameLoadPeak)
      extras.push(
        `Peak RSS under the same load (the first round of the ${shared.length} routes both arms serve, P's own routes not yet asked): P ${fmt(sameLoadPeak.P)} MB, S ${fmt(sameLoadPeak.S)} MB, P/S ${ratio(sameLoadPeak.P, sameLoadPeak.S)}.`
      );
    for (const arm of Object.values(arms)) await arm.stop();
    report.push(printTable(size, routes, results, extras));
  }
  const duration = `Whole run: ${((Date.now() - runStarted) / 60_000).toFixed(1)} minutes, dataset generation included.`;
  console.log(`\n${duration}`);
  const out = path.join(workDir, `results-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  fs.writeFileSync(out, `Command: npm run bench -- ${process.argv.slice(2).join(' ')}\n${report.join('\n')}\n${duration}\n`);
  console.log(`\nTables written to ${path.relative(appDir, out)}`);
  agent.destroy();
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
