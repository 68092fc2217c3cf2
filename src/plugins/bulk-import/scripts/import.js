'use strict';
// `npm run import -- archive.json`: imports an archive of documents (README.md of this plugin) in one
// transaction, through the Document Service; on any bad entry nothing is written and the entry and
// field are named.
const fs = require('node:fs');
const { runWithApp } = require('../../../scripts/runWithApp');

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run import -- archive.json');
  process.exit(2);
}

let archive;
try {
  archive = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`${file}: not a readable JSON archive (${error.message})`);
  process.exit(1);
}

runWithApp(async (strapi) => {
  const started = Date.now();
  try {
    const report = await strapi.plugin('bulk-import').service('importer').importArchive(archive);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `Imported ${report.documents} documents (${report.published} published, ${report.translations} translations) in ${seconds.toFixed(1)} s (${(report.documents / seconds).toFixed(1)}/s).`
    );
    return 0;
  } catch (error) {
    // A ValidationError names the entry and the field; nothing was written.
    console.error(`Import refused, nothing written: ${error.message}`);
    return 1;
  }
});
