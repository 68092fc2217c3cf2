'use strict';
/**
 * One arm of `npm run bench`, in its own process so its CPU time and memory can be read from /proc.
 * Started by tests/bench/run.js with the environment of its arm (DATABASE_FILENAME, BENCH_DIST_DIR,
 * CACHE_RESPONSES_MAX_MB…); boots the compiled app, listens on a free port of 127.0.0.1 and tells the
 * parent which one. Then answers the parent's requests over IPC: `writes` (create + publish through the
 * Document Service for some seconds), `import` (the bulk import of an archive file), `memory` (usage
 * after a full collection), `heap-snapshot` (written to a file) and `stop`.
 *
 *   node tests/bench/benchServer.js --generate 10000     fills DATABASE_FILENAME with the dataset, then exits
 */
const path = require('node:path');

const appDir = path.resolve(__dirname, '..', '..');
const distDir = process.env.BENCH_DIST_DIR || path.join(appDir, 'dist');

const send = (message) => process.send && process.send(message);

/**
 * With BENCH_BOOT_TIMINGS set, how long each module's register and bootstrap took, and when Strapi's
 * own steps ended, in ms since the process started. Wraps the modules registry's `register` and
 * `bootstrap` (undocumented; Strapi 5.54.0 runs them as a loop over `getAll()`, in that order).
 */
const timeBoot = (strapi) => {
  const marks = [];
  const since = () => Math.round(performance.now());
  const mark = (name) => marks.push({ name, at: since() });
  const modules = strapi.get('modules');
  for (const phase of ['register', 'bootstrap']) {
    modules[phase] = async () => {
      mark(`${phase}: modules start`);
      for (const [name, mod] of Object.entries(modules.getAll())) {
        const started = since();
        await mod[phase]();
        marks.push({ name: `${phase} ${name}`, at: since(), ms: since() - started });
      }
      mark(`${phase}: modules end`);
    };
  }
  return { marks, mark };
};

/** Heap and RSS after two full collections (the arm runs with --expose-gc). */
const memoryAfterGc = () => {
  if (global.gc) {
    global.gc();
    global.gc();
  }
  return process.memoryUsage();
};

/** Creates and publishes articles one after the other for `seconds`, as an editor's tool would. */
const writeFor = async (strapi, seconds) => {
  const documents = strapi.documents('api::article.article');
  const deadline = Date.now() + seconds * 1000;
  let count = 0;
  const started = Date.now();
  while (Date.now() < deadline) {
    const title = `Écriture de banc ${process.pid} ${count}`;
    const created = await documents.create({
      locale: 'fr',
      data: {
        title,
        kind: 'news',
        standfirst: 'Un article écrit pendant le banc d’essai.',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Un paragraphe de texte pour le banc d’essai.' }] }],
        byline: 'Banc',
        tags: [{ label: 'banc' }],
      },
    });
    await documents.publish({ documentId: created.documentId, locale: 'fr' });
    count += 1;
  }
  // The read model computes a write's rows after its commit: the measure ends once it has caught up.
  await strapi.plugin('read-model')?.service('read-model').settle();
  return { documents: count, seconds: (Date.now() - started) / 1000 };
};

/**
 * Waits until the read model serves, when this app has one: a cached dataset was built by the code of
 * its day, and a model built for another row format or configuration is rebuilt in the background at
 * boot, during which P would be measured on the Document Service path.
 */
const readModelBuiltForThisCode = async (strapi) => {
  const readModel = strapi.plugin('read-model')?.service('read-model');
  if (!readModel || !strapi.config.get('plugin::read-model.enabled') || (await readModel.serves())) return;
  const started = Date.now();
  console.log('  read model built by other code: waiting for its rebuild before measuring');
  while (!(await readModel.serves())) await new Promise((resolve) => setTimeout(resolve, 1000));
  console.log(`  read model rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

(async () => {
  const generateIndex = process.argv.indexOf('--generate');
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir, serveAdminPanel: false, autoReload: false });
  const timings = process.env.BENCH_BOOT_TIMINGS ? timeBoot(strapi) : undefined;
  timings?.mark('created');
  await strapi.load();
  timings?.mark('loaded');

  if (generateIndex > 0) {
    const { generateDataset } = require('./generate-dataset');
    const timed = async (name, step) => {
      const started = Date.now();
      const result = await step();
      console.log(`  ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return result;
    };
    // Each batch of generated rows marks the read model out of date, and its background task would
    // rebuild it again and again meanwhile (two thirds of the generation's statements); it is built
    // once below instead.
    await strapi.plugin('read-model')?.service('read-model').stopBackgroundWork();
    await timed('rows written', () =>
      generateDataset(strapi, Number(process.argv[generateIndex + 1]), { log: (line) => console.log(line) })
    );
    // The search index, the translation records and the read model are kept by the Document Service;
    // generated rows need them built, as a site that has been running has them (else P's first minutes
    // go to that, and the read model, which notices the writes around it, serves nothing until rebuilt).
    if (strapi.plugin('search')) await timed('search index built', () => strapi.plugin('search').service('search').rebuild());
    if (strapi.plugin('translation-status'))
      await timed('translation records written', () => strapi.plugin('translation-status').service('backfill').recordUntracked());
    if (strapi.plugin('read-model')) {
      const { documents } = await timed('read model built', () => strapi.plugin('read-model').service('read-model').rebuild());
      console.log(`  (read model: ${documents} documents)`);
    }
    await strapi.destroy();
    process.exit(0);
  }

  await readModelBuiltForThisCode(strapi);
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  timings?.mark('listening');
  send({ type: 'listening', port: strapi.server.httpServer.address().port, marks: timings?.marks });

  process.on('message', async (message) => {
    try {
      if (message.type === 'writes') send({ type: 'writes', result: await writeFor(strapi, message.seconds) });
      else if (message.type === 'memory') send({ type: 'memory', result: memoryAfterGc() });
      else if (message.type === 'heap-snapshot') {
        memoryAfterGc();
        send({ type: 'heap-snapshot', file: require('node:v8').writeHeapSnapshot(message.file) });
      } else if (message.type === 'import') {
        const started = Date.now();
        const report = await strapi.plugin('bulk-import').service('importer').importArchive(require(message.file));
        send({ type: 'import', result: { documents: report.documents, seconds: (Date.now() - started) / 1000 } });
      } else if (message.type === 'stop') {
        await strapi.destroy();
        process.exit(0);
      }
    } catch (error) {
      send({ type: 'error', message: String(error && error.stack ? error.stack : error) });
    }
  });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
