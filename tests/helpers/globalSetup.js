'use strict';
// Compiles the app once per run. Strapi's compiler exits the process on a type error, so it runs
// here (in Jest's parent) after our own type check, which reports errors readably and stops the run.
const path = require('node:path');
const ts = require('typescript');

const appDir = path.resolve(__dirname, '..', '..');

function typeCheck() {
  const configPath = path.join(appDir, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, appDir);
  const program = ts.createProgram(parsed.fileNames, { ...parsed.options, noEmit: true, incremental: false });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length > 0) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => appDir, getNewLine: () => '\n' };
    throw new Error(`TypeScript errors in the app, tests not run:\n${ts.formatDiagnosticsWithColorAndContext(diagnostics, host)}`);
  }
}

module.exports = async function globalSetup() {
  // `npm test` has just type-checked the app (`npm run check`); a direct `npx jest` has not.
  if (process.env.PASSERELLE_TYPES_CHECKED !== 'true') typeCheck();
  // A fresh dist/: the compiler never deletes the output of a source that moved or was removed, and
  // Strapi would still load it (an old dist/src/api/feed answering before the plugin's route).
  require('node:fs').rmSync(path.join(appDir, 'dist'), { recursive: true, force: true });
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir, ignoreDiagnostics: true });
  // Each test's Strapi then boots on a copy of a database that already has the schema.
  await require('./databaseTemplates').createTemplates(appDir);
};
