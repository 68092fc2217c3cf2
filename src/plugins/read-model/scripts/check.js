'use strict';
// `npm run read-model:check`: compares every stored row with what the Document Service path answers
// now, prints each difference, and exits with 1 if there is any.
const { compileStrapi, createStrapi } = require('@strapi/strapi');

const shorten = (value) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text && text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

(async () => {
  const appContext = await compileStrapi();
  const strapi = await createStrapi(appContext).load();
  let differences;
  try {
    const result = await strapi.plugin('read-model').service('read-model').check();
    differences = result.differences;
    for (const d of differences) {
      console.log(
        `${d.uid} ${d.documentId} (${d.locale}) ${d.field}:\n  stored:   ${shorten(d.stored)}\n  expected: ${shorten(d.expected)}`
      );
    }
    console.log(`Read model checked: ${result.rows} published entries, ${differences.length} difference(s).`);
  } finally {
    await strapi.destroy();
  }
  process.exit(differences.length > 0 ? 1 : 0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
