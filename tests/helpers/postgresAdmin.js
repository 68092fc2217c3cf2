'use strict';

/** Runs one statement on a connection of its own (CREATE DATABASE and DROP DATABASE cannot run in a transaction). */
const adminQuery = async (url, sql) => {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/** `adminUrl` (a server's admin connection) pointed at the database `name`. */
const databaseUrl = (adminUrl, name) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

module.exports = { adminQuery, databaseUrl };
