'use strict';
// Removes the databases the global setup prepared for the tests' boots (databaseTemplates.js).
module.exports = async function globalTeardown() {
  await require('./databaseTemplates').dropTemplates();
};
