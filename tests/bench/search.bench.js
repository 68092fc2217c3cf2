'use strict';
/**
 * Search at realistic size: N articles in French and English, a few hundred words each, indexed;
 * then the latency of two-word searches over HTTP, each query new (so never from the response
 * cache); on SQLite with the ranking function loaded, the same searches in process through
 * searchIndex, ranked with remembered counts and with bm25 in turn; and the time indexing adds to a
 * publish (`--publishes 0` leaves it out).
 *
 *   npm run bench:search                  (10,000 articles × 2 locales)
 *   npm run bench:search -- --size 50000
 *   npm run bench:search -- --postgres postgres://user:password@127.0.0.1:5432/postgres
 *   npm run bench:search -- --size 50000 --save-index .tmp/bench/search-50000.db   (SQLite: keep the indexed database)
 *   npm run bench:search -- --size 50000 --from-index .tmp/bench/search-50000.db   (start from it: no indexing)
 *
 * With --from-index the same articles are drawn (and thrown away), so the queries are the same as
 * those of the run that saved it.
 * Boots the compiled app on a throwaway SQLite file (or, with --postgres and an admin connection, a
 * throwaway PostgreSQL database) and talks to it over real HTTP on 127.0.0.1. The SQLite file goes
 * to .tmp/bench in the app (\`--tmpdir\` to change it), not the system's /tmp, whose clean-ups can
 * delete it under a long run. Progress goes to stderr.
 */
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { bootBenchApp } = require('./benchApp');

const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const SIZE = Number(arg('size', 10000));
const SAMPLES = Number(arg('samples', 500));
const PUBLISHES = Number(arg('publishes', 200));
const POSTGRES_URL = arg('postgres', undefined);
const TMPDIR = path.resolve(arg('tmpdir', path.join(__dirname, '..', '..', '.tmp', 'bench')));
const SAVE_INDEX = arg('save-index', undefined);
const FROM_INDEX = arg('from-index', undefined);
if ((SAVE_INDEX || FROM_INDEX) && POSTGRES_URL) throw new Error('--save-index and --from-index are for SQLite only');
fs.mkdirSync(TMPDIR, { recursive: true });
// bootBenchApp puts its database file in os.tmpdir(), which reads TMPDIR.
process.env.TMPDIR = TMPDIR;

const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
const progress = (message) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const FR = `association inclusion numérique emploi formation jeunes quartiers entreprises recrutement diversité handicap
 égalité chances territoire région forum rencontre partenaires insertion professionnelle compétences métiers avenir
 accompagnement mentorat stage alternance apprentissage candidats employeurs talents réseau solidarité engagement
 programme édition atelier conférence table ronde témoignage parcours réussite orientation école université
 citoyenneté mobilité transport logement santé culture sport éducation numériques données outils plateforme
 communauté bénévoles mécénat fondation collectivités ministère pôle emploi mission locale cité quartier ville
 campagne lancement bilan résultats chiffres étude enquête rapport communiqué presse journalistes annonce`.split(/\s+/);
const EN = `association inclusion digital employment training young people neighbourhoods companies recruitment diversity
 disability equality opportunity territory region forum meeting partners integration professional skills jobs future
 support mentoring internship apprenticeship candidates employers talent network solidarity commitment programme
 edition workshop conference panel testimony journey success guidance school university citizenship mobility
 transport housing health culture sport education data tools platform community volunteers sponsorship foundation
 authorities ministry employment agency city campaign launch review results figures study survey report press
 release journalists announcement published publishing publishes`.split(/\s+/);
const FILLER_FR = 'le la les de des du et un une pour avec dans sur par au aux qui que est sont a ont'.split(' ');
const FILLER_EN = 'the a an of and to in for with on by at is are was were has have that this'.split(' ');

let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
// A realistic vocabulary: the domain's words among thousands of rarer ones (made of syllables), drawn
// Zipf-like, so a few words are everywhere and most are rare, as in real text.
const SYLLABLES =
  'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo'.split(
    ' '
  );
const vocabulary = (domain, size) => {
  const words = [];
  for (let i = SYLLABLES.length; words.length < size; i += 1) {
    let word = '';
    for (let n = i; n > 0; n = Math.floor(n / SYLLABLES.length)) word += SYLLABLES[n % SYLLABLES.length];
    words.push(word);
  }
  domain.forEach((word, index) => words.splice(20 + index * 15, 0, word));
  return [...new Set(words)];
};
const pick = (words) => words[Math.floor(words.length * random() ** 3)];
const sentence = (words, filler, length) => Array.from({ length }, (_, i) => (i % 3 === 1 ? pick(filler) : pick(words))).join(' ');
const text = (words, filler, count) => {
  const sentences = [];
  let total = 0;
  while (total < count) {
    const length = 8 + Math.floor(random() * 14);
    sentences.push(sentence(words, filler, length) + '.');
    total += length;
  }
  return sentences.join(' ');
};

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const summary = (values) =>
  `p50 ${percentile(values, 50).toFixed(1)} ms · p95 ${percentile(values, 95).toFixed(1)} ms · p99 ${percentile(values, 99).toFixed(1)} ms`;

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
// The server runs in this process: its CPU time per request is the work a query costs, whatever the
// machine's load (the wall-clock time also counts the time spent waiting for a core).
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const get = (port, url) =>
  new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const cpuStarted = cpuMs();
    http
      .get({ host: '127.0.0.1', port, path: url, agent }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => {
          if (response.statusCode !== 200) reject(new Error(`${url} → ${response.statusCode} ${body}`));
          else
            resolve({
              ms: Number(process.hrtime.bigint() - started) / 1e6,
              cpu: cpuMs() - cpuStarted,
              cache: response.headers['x-passerelle-cache'],
              total: JSON.parse(body).meta.pagination.total,
              exact: JSON.parse(body).meta.pagination.totalIsExact,
              returned: JSON.parse(body).data.length,
            });
        });
      })
      .on('error', reject);
  });

// One client asking hundreds of questions a minute is what the rate limit stops; here it is the point.
process.env.RATE_LIMIT_ENABLED = 'false';

const FR_WORDS = vocabulary(FR, 8000);
const EN_WORDS = vocabulary(EN, 8000);

(async () => {
  console.log(`Load average at the start: ${loadAverage()} (1, 5, 15 min) on ${os.cpus().length} cores; database file in ${TMPDIR}`);
  // bootBenchApp's database file is passerelle-bench-<pid>.db in os.tmpdir() (TMPDIR, set above).
  if (FROM_INDEX) fs.copyFileSync(path.resolve(FROM_INDEX), path.join(TMPDIR, `passerelle-bench-${process.pid}.db`));
  const { strapi, port, stop } = await bootBenchApp({ postgresUrl: POSTGRES_URL });
  try {
    const { insertEntries } = require(path.join(strapi.dirs.dist.root, 'src', 'plugins', 'search', 'server', 'index', 'indexWriter.js'));
    const search = strapi.plugin('search').service('search');
    const context = { strapi, config: search.config };

    let started = Date.now();
    const indexingCpu = cpuMs();
    let reported = Date.now();
    const BATCH = 500;
    for (let offset = 0; offset < SIZE; offset += BATCH) {
      const entries = [];
      for (let i = offset; i < Math.min(SIZE, offset + BATCH); i += 1) {
        const words = 200 + Math.floor(random() * 300);
        for (const [locale, vocabulary, filler] of [
          ['fr', FR_WORDS, FILLER_FR],
          ['en', EN_WORDS, FILLER_EN],
        ]) {
          entries.push({
            uid: 'api::article.article',
            document_id: `bench${i}`,
            locale,
            type: 'article',
            kind: i % 5 === 0 ? 'press-release' : 'news',
            title: sentence(vocabulary, filler, 6 + Math.floor(random() * 6)),
            slug: `bench-${i}`,
            body: text(vocabulary, filler, words),
            embargo_until: i % 50 === 0 ? Date.now() + 86400000 : null,
            visible_from: null,
          });
        }
      }
      if (!FROM_INDEX) await insertEntries(context, entries);
      if (Date.now() - reported > 10_000 || offset + BATCH >= SIZE) {
        reported = Date.now();
        const done = Math.min(SIZE, offset + BATCH);
        const rate = done / ((Date.now() - started) / 1000);
        progress(
          `indexed ${done} / ${SIZE} articles × 2 locales, ${rate.toFixed(0)} a second, about ${Math.round((SIZE - done) / rate)} s to go`
        );
      }
    }
    if (POSTGRES_URL) await strapi.db.connection.raw('ANALYZE search_index_entries');
    if (FROM_INDEX) {
      // A boot whose analysis differs from the saved index's rebuilds it from the documents: none here.
      const [{ entries }] = await strapi.db.connection('search_index_entries').count({ entries: '*' });
      if (Number(entries) < SIZE * 2)
        throw new Error(`${FROM_INDEX} holds ${entries} entries: saved by another version of the index? Save it again.`);
      console.log(`SQLite: started from ${FROM_INDEX} (${SIZE} articles × 2 locales, indexed by an earlier run).`);
    } else
      console.log(
        `${POSTGRES_URL ? 'PostgreSQL' : 'SQLite'}: indexed ${SIZE} articles × 2 locales in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
          `(CPU ${((cpuMs() - indexingCpu) / 1000).toFixed(1)} s).`
      );
    // As a running site holds it: its index's segments merged, by the boot's merge (waited for here)
    // and every six hours after (the search plugin's compaction.ts).
    const compacting = Date.now();
    const { steps } = await strapi.plugin('search').service('search').compact();
    console.log(`Index segments merged in ${((Date.now() - compacting) / 1000).toFixed(1)} s (${steps} steps).`);
    if (SAVE_INDEX) {
      fs.rmSync(path.resolve(SAVE_INDEX), { force: true });
      await strapi.db.connection.raw('VACUUM INTO ?', [path.resolve(SAVE_INDEX)]);
      console.log(`Indexed database saved to ${SAVE_INDEX}.`);
    }
    progress('searching');

    // Two-word queries, each asked once: computed every time, never from the response cache.
    const asked = new Set();
    const queries = [];
    while (queries.length < SAMPLES) {
      const locale = queries.length % 2 === 0 ? 'fr' : 'en';
      const words = locale === 'fr' ? FR_WORDS : EN_WORDS;
      const q = `${pick(words)} ${pick(words)}`;
      if (asked.has(`${locale}:${q}`)) continue;
      asked.add(`${locale}:${q}`);
      queries.push(`/api/search?locale=${locale}&q=${encodeURIComponent(q)}`);
    }
    for (const url of queries.slice(0, 20)) await get(port, `${url}&pagination[pageSize]=1`); // warm-up, other cache keys
    const timings = [];
    const cpuTimes = [];
    let hits = 0;
    let windowed = 0;
    // Each query's hits on its page: a page's snippets and JSON grow with them, not with the index.
    const returnedOf = new Map();
    const windowFilled = new Set();
    for (const url of queries) {
      const { ms, cpu, cache, total, exact, returned } = await get(port, url);
      if (cache === 'hit') throw new Error(`${url} came from the cache`);
      timings.push(ms);
      cpuTimes.push(cpu);
      returnedOf.set(url, returned);
      if (!exact) windowFilled.add(url);
      hits += total;
      if (!exact) windowed += 1;
    }
    /** The timings of `queries` (in order) grouped by their page's hits: none, some, a full page. */
    const byPage = (times) => {
      const pageSize = Math.max(...returnedOf.values());
      const groups = [
        ['no hit', (n) => n === 0],
        [`1 to ${pageSize - 1} hits`, (n) => n > 0 && n < pageSize],
        [`a full page (${pageSize})`, (n) => n === pageSize],
        // Ranking stops at the rank window: past it, a query's work no longer grows with its matches.
        ['of which more matches than the rank window', (n, url) => n === pageSize && windowFilled.has(url)],
      ];
      return groups
        .map(([name, test]) => {
          const group = times.filter((_, i) => test(returnedOf.get(queries[i]), queries[i]));
          return group.length ? `${name} (${group.length} queries) p50 ${percentile(group, 50).toFixed(1)} ms` : undefined;
        })
        .filter(Boolean)
        .join(' · ');
    };
    console.log(
      `Two-word search, uncached, over HTTP (${SAMPLES} queries, ${Math.round(hits / SAMPLES)} hits on average, ` +
        `${windowed} with more matches than the rank window): ${summary(timings)}`
    );
    console.log(`  CPU time per query: ${summary(cpuTimes)}`);
    console.log(`  by the page's hits: ${byPage(timings)}`);
    const prefixes = [];
    const prefixCpu = [];
    for (let i = 0; i < Math.min(200, SAMPLES); i += 1) {
      const word = FR[i % FR.length];
      const { ms, cpu } = await get(
        port,
        `/api/search?locale=fr&q=${encodeURIComponent(`${FR[(i * 7) % FR.length]} ${word.slice(0, 3 + (i % 3))}`)}&pagination[page]=${1 + (i % 2)}`
      );
      prefixes.push(ms);
      prefixCpu.push(cpu);
    }
    console.log(`Word and prefix (search as you type), uncached: ${summary(prefixes)}`);
    console.log(`  CPU time per query: ${summary(prefixCpu)}`);

    // The SQL alone, the same queries through searchIndex in this process, each ranked with the
    // remembered counts (passerelle_bm25) and with FTS5's bm25 in turn, so the machine's noise falls on both.
    const indexDir = path.join(strapi.dirs.dist.root, 'src', 'plugins', 'search', 'server');
    const { rankingFunctionLoaded } = require(path.join(indexDir, 'index', 'rankingExtension.js'));
    if (!POSTGRES_URL && (await rankingFunctionLoaded(strapi))) {
      const { searchIndex } = require(path.join(indexDir, 'index', 'searchIndex.js'));
      const { parseQuery } = require(path.join(indexDir, 'analysis', 'parseQuery.js'));
      const { analyserNameFor } = require(path.join(indexDir, 'analysis', 'analyser.js'));
      const timed = async (url, rememberCounts) => {
        const params = new URL(url, 'http://bench').searchParams;
        const locale = params.get('locale');
        const request = {
          query: parseQuery(params.get('q'), analyserNameFor(locale)),
          locale,
          now: new Date(),
          access: { canReadEmbargoed: false, canReadDrafts: false },
          start: 0,
          limit: 10,
          window: search.config.rankWindow,
        };
        const started = process.hrtime.bigint();
        await searchIndex(strapi, request, { rememberCounts });
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const remembered = [];
      const bm25 = [];
      for (const [i, url] of queries.entries()) {
        const order = i % 2 === 0 ? [true, false] : [false, true];
        for (const rememberCounts of order) (rememberCounts ? remembered : bm25).push(await timed(url, rememberCounts));
      }
      console.log(`The same searches, SQL alone, in process: remembered counts ${summary(remembered)}; bm25 ${summary(bm25)}`);
      // Again with the remembered counts alone, in sequence: bm25's whole-doclist reads in between
      // push the index's pages out of SQLite's page cache, which the pass above then pays for.
      const rememberedInSequence = [];
      for (const url of queries) rememberedInSequence.push(await timed(url, true));
      console.log(`  remembered counts alone, in sequence: ${summary(rememberedInSequence)}`);
      console.log(`  by the page's hits: ${byPage(rememberedInSequence)}`);
    }

    // `--publishes 0` leaves the publishes out.
    if (PUBLISHES > 0) {
      // Publish: the whole Document Service publish, and the part of it the search plugin's middleware
      // spends indexing (its reindexDocument, timed where the middleware calls it, inside the publish's
      // transaction), with the SQL statements it issues. Then a draft saved: the published entry is
      // unchanged, so indexing only reads.
      progress('publishing');
      const reindex = search.reindexDocument;
      const statements = { count: 0 };
      strapi.db.connection.on('query', () => (statements.count += 1));
      let measured;
      const timedReindex = async (...args) => {
        const t = process.hrtime.bigint();
        const cpuStarted = cpuMs();
        const countStarted = statements.count;
        try {
          return await reindex(...args);
        } finally {
          measured = {
            ms: Number(process.hrtime.bigint() - t) / 1e6,
            cpu: cpuMs() - cpuStarted,
            statements: statements.count - countStarted,
          };
        }
      };
      search.reindexDocument = timedReindex;
      const articles = strapi.documents('api::article.article');
      const publishTimes = [];
      const publishCpu = [];
      const indexTimes = [];
      const indexCpu = [];
      const indexStatements = [];
      const draftIndexCpu = [];
      const draftStatements = [];
      // The same publish with the plugin's reindex skipped, interleaved with the others: the difference
      // is all that indexing costs a publish, FTS5's flush and merges at the commit included, which the
      // timer around reindexDocument does not see.
      const unindexedPublishTimes = [];
      const skipIndexing = async () => {};
      for (let i = 0; i < PUBLISHES; i += 1) {
        const unindexedBody = [{ type: 'paragraph', children: [{ type: 'text', text: text(FR_WORDS, FILLER_FR, 300) }] }];
        const unindexed = await articles.create({ locale: 'fr', data: { title: `Sans index ${i}`, kind: 'news', body: unindexedBody } });
        search.reindexDocument = skipIndexing;
        const unindexedStarted = process.hrtime.bigint();
        await articles.publish({ documentId: unindexed.documentId, locale: 'fr' });
        unindexedPublishTimes.push(Number(process.hrtime.bigint() - unindexedStarted) / 1e6);
        search.reindexDocument = timedReindex;

        const body = [{ type: 'paragraph', children: [{ type: 'text', text: text(FR_WORDS, FILLER_FR, 300) }] }];
        const { documentId } = await articles.create({ locale: 'fr', data: { title: `Publication ${i}`, kind: 'news', body } });
        const t = process.hrtime.bigint();
        const cpuStarted = cpuMs();
        measured = undefined;
        await articles.publish({ documentId, locale: 'fr' });
        publishTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
        publishCpu.push(cpuMs() - cpuStarted);
        if (!measured) throw new Error('the publish did not go through the search plugin');
        indexTimes.push(measured.ms);
        indexCpu.push(measured.cpu);
        indexStatements.push(measured.statements);
        measured = undefined;
        await articles.update({ documentId, locale: 'fr', data: { title: `Publication ${i} (brouillon)` } });
        draftIndexCpu.push(measured.cpu);
        draftStatements.push(measured.statements);
      }
      search.reindexDocument = reindex;
      const mean = (values) => (values.reduce((sum, value) => sum + value, 0) / values.length).toFixed(1);
      console.log(`Publish of a 300-word article (${PUBLISHES} publishes): ${summary(publishTimes)}`);
      console.log(`  CPU time: ${summary(publishCpu)}`);
      console.log(`  the same publish without indexing, interleaved: ${summary(unindexedPublishTimes)}`);
      const difference = (p) => (percentile(publishTimes, p) - percentile(unindexedPublishTimes, p)).toFixed(1);
      console.log(
        `  what indexing adds, commit included (percentiles of the one less those of the other): p50 ${difference(50)} ms · p95 ${difference(95)} ms · p99 ${difference(99)} ms`
      );
      // Each publish against the one without indexing just before it: the tail of what indexing adds,
      // where a difference of percentiles may pair a slow publish with another slow one.
      const pairedDifferences = publishTimes.map((time, i) => time - unindexedPublishTimes[i]);
      console.log(`  what indexing adds, publish by publish (each pair's difference): ${summary(pairedDifferences)}`);
      console.log(`  of which indexing: ${summary(indexTimes)}`);
      console.log(
        `  indexing's CPU time: ${summary(indexCpu)}; ${mean(indexStatements)} SQL statements on average (max ${Math.max(...indexStatements)})`
      );
      console.log(
        `A draft saved after it (published entry unchanged), indexing's CPU time: ${summary(draftIndexCpu)}; ${mean(draftStatements)} SQL statements on average`
      );
    }
    console.log(`Load average at the end: ${loadAverage()}`);
  } finally {
    await stop();
  }
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
