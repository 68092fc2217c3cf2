'use strict';
/**
 * What one write costs, and who asks for it: boots the compiled app on a throwaway SQLite file, then
 * creates, publishes and updates articles one after the other through the Document Service, as an
 * editor's tool would. Prints the SQL statements per write (knex `query` events), each attributed to
 * the innermost caller in its stack: a plugin of src/plugins, Strapi's Document Service, or the rest
 * of Strapi (its lifecycles, i18n, the query engine's own reads); and the CPU ms per write.
 *
 *   node tests/bench/write-statements.js [--documents 30] [--no-compile] [--json] [--trace <caller>]
 *
 * A Document Service call made by a plugin (the copies of shared relations) counts as the Document
 * Service's. Event listeners run after the commit; each write waits for the process to go idle, so
 * their statements count for the write that caused them.
 */
const path = require('node:path');
const { bootBenchApp, distDir } = require('./benchApp');

const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const DOCUMENTS = Number(arg('documents', 30));
// `--trace <caller>`: prints the statements of the last document's writes whose caller contains it.
const TRACE = arg('trace');
const UID = 'api::article.article';

const pluginsDir = path.join(distDir, 'src', 'plugins') + path.sep;
const appSrcDir = path.join(distDir, 'src') + path.sep;
const documentServiceDir = `${path.sep}document-service${path.sep}`;

const TRANSACTION_CONTROL = /^(begin|commit|rollback|savepoint|release)\b/i;

/**
 * Who asked for a statement: the innermost frame of its stack outside knex, Strapi's query engine
 * (@strapi/database) and Node. A plugin of src/plugins, the Document Service, or another Strapi package.
 */
const callerOf = (sql, stack) => {
  if (TRANSACTION_CONTROL.test(sql)) return 'BEGIN / COMMIT / SAVEPOINT (anyone)';
  // The first two lines are the Error and this listener.
  for (const line of stack.split('\n').slice(2)) {
    if (!line.includes(path.sep) || line.includes(`${path.sep}knex${path.sep}`) || line.includes('@strapi/database')) continue;
    if (line.includes('node:')) continue;
    const inPlugins = line.indexOf(pluginsDir);
    if (inPlugins >= 0) return `plugin ${line.slice(inPlugins + pluginsDir.length).split(path.sep)[0]}`;
    if (line.includes(appSrcDir)) return 'app (src/)';
    if (line.includes(documentServiceDir)) return 'Document Service';
    const strapiPackage = /@strapi\/([^/]+)\//.exec(line);
    if (strapiPackage) return `Strapi (${strapiPackage[1]})`;
    if (line.includes(__filename)) return 'bench script';
    return 'other';
  }
  return 'other';
};

/** Resolves once no statement has been issued for `quietMs` (after-commit listeners included). */
const idle = (state, quietMs = 30) =>
  new Promise((resolve) => {
    const check = () => (Date.now() - state.lastQueryAt >= quietMs ? resolve() : setTimeout(check, quietMs));
    setTimeout(check, quietMs);
  });

(async () => {
  Error.stackTraceLimit = 200;
  const { strapi, stop } = await bootBenchApp({ compile: !process.argv.includes('--no-compile') });
  const state = { phase: undefined, lastQueryAt: 0, counts: new Map(), cpu: new Map() };
  strapi.db.connection.client.on('query', (query) => {
    state.lastQueryAt = Date.now();
    if (!state.phase) return;
    const caller = callerOf(query.sql, new Error().stack);
    const key = `${state.phase}\u0000${caller}`;
    if (TRACE && state.last && caller.includes(TRACE)) console.log(`${state.phase} · ${caller} · ${query.sql.slice(0, 160)}`);
    state.counts.set(key, (state.counts.get(key) ?? 0) + 1);
  });

  const documents = strapi.documents(UID);
  const measure = async (phase, write) => {
    await idle(state);
    state.phase = phase;
    const before = process.cpuUsage();
    await write();
    await idle(state);
    const used = process.cpuUsage(before);
    state.phase = undefined;
    // The idle wait's own polling costs next to nothing; the quiet period is not CPU.
    state.cpu.set(phase, (state.cpu.get(phase) ?? 0) + (used.user + used.system) / 1000);
  };

  // One write of each kind first, so that caches and prepared paths are warm in every phase.
  for (let n = -1; n < DOCUMENTS; n += 1) {
    if (n === 0) {
      state.counts.clear();
      state.cpu.clear();
    }
    state.last = n === DOCUMENTS - 1;
    let documentId;
    await measure('create', async () => {
      ({ documentId } = await documents.create({
        locale: 'fr',
        data: {
          title: `Écriture mesurée ${n}`,
          kind: 'news',
          standfirst: 'Un article écrit pour compter les requêtes.',
          body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Un paragraphe de texte.' }] }],
          byline: 'Banc',
          tags: [{ label: 'banc' }],
        },
      }));
    });
    await measure('publish', () => documents.publish({ documentId, locale: 'fr' }));
    await measure('update', () =>
      documents.update({ documentId, locale: 'fr', status: 'published', data: { standfirst: `Un chapô revu ${n}.` } })
    );
  }

  const phases = ['create', 'publish', 'update'];
  const callers = [...new Set([...state.counts.keys()].map((key) => key.split('\u0000')[1]))];
  const per = (phase, caller) => (state.counts.get(`${phase}\u0000${caller}`) ?? 0) / DOCUMENTS;
  const total = (phase) => callers.reduce((sum, caller) => sum + per(phase, caller), 0);
  const rows = callers
    .map((caller) => ({ caller, ...Object.fromEntries(phases.map((phase) => [phase, per(phase, caller)])) }))
    .sort((a, b) => phases.reduce((s, p) => s + b[p] - a[p], 0));
  const cpu = Object.fromEntries(phases.map((phase) => [phase, state.cpu.get(phase) / DOCUMENTS]));

  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ documents: DOCUMENTS, rows, totals: Object.fromEntries(phases.map((p) => [p, total(p)])), cpu }));
  } else {
    const fmt = (value) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
    console.log(`\nSQL statements per write of an article (${DOCUMENTS} articles, SQLite), by caller:\n`);
    console.log('| caller | create | publish | update (status=published) | all three |');
    console.log('|---|---|---|---|---|');
    for (const row of rows)
      console.log(`| ${row.caller} | ${phases.map((p) => fmt(row[p])).join(' | ')} | ${fmt(phases.reduce((s, p) => s + row[p], 0))} |`);
    console.log(`| **total** | ${phases.map((p) => fmt(total(p))).join(' | ')} | ${fmt(phases.reduce((s, p) => s + total(p), 0))} |`);
    console.log(`| CPU ms | ${phases.map((p) => cpu[p].toFixed(1)).join(' | ')} | ${phases.reduce((s, p) => s + cpu[p], 0).toFixed(1)} |`);
  }
  await stop();
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
