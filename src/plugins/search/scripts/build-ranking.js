'use strict';
/**
 * `npm run search:build-ranking`, and after every `npm install` / `npm ci` (postinstall): compiles
 * the search's ranking function (../native/passerelle_rank.c, a SQLite loadable extension) against
 * the SQLite headers better-sqlite3 ships, into ../native/build/. Never fails the install: without a
 * C compiler the search ranks with FTS5's own bm25, which gives the same scores, a little slower on a
 * large site (see the plugin's README). Honours CC (CI points it through ccache).
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const nativeDir = path.join(__dirname, '..', 'native');
const source = path.join(nativeDir, 'passerelle_rank.c');
const { COMPILED_RANKING_FILE } = require('../native/compiledFile');

const output = path.join(nativeDir, COMPILED_RANKING_FILE);

const build = () => {
  if (process.platform === 'win32') throw new Error('not built on Windows');
  const headers = path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'deps', 'sqlite3');
  const [compiler, ...compilerArgs] = (process.env.CC || 'cc').trim().split(/\s+/);
  const shared = process.platform === 'darwin' ? ['-dynamiclib'] : ['-shared'];
  fs.mkdirSync(path.dirname(output), { recursive: true });
  execFileSync(compiler, [...compilerArgs, '-O2', '-ffp-contract=off', '-fPIC', ...shared, '-I', headers, source, '-o', output, '-lm'], {
    stdio: 'inherit',
  });
};

try {
  build();
  console.log(`search: ranking function built (${path.relative(process.cwd(), output)})`);
} catch (error) {
  fs.rmSync(output, { force: true });
  console.warn(`search: the ranking function was not built (${error.message}); the search will rank with FTS5's bm25.`);
}
