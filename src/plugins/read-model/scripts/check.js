'use strict';
// `npm run read-model:check`: compares every stored row with what the Document Service path answers
// now, prints each difference, and exits with 1 if there is any.
const { runWithApp } = require('../../../scripts/runWithApp');

const shorten = (value) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text && text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

runWithApp(async (strapi) => {
  const { rows, differences } = await strapi.plugin('read-model').service('read-model').check();
  for (const d of differences) {
    console.log(`${d.uid} ${d.documentId} (${d.locale}) ${d.field}:\n  stored:   ${shorten(d.stored)}\n  expected: ${shorten(d.expected)}`);
  }
  console.log(`Read model checked: ${rows} published entries, ${differences.length} difference(s).`);
  return differences.length > 0 ? 1 : 0;
});
