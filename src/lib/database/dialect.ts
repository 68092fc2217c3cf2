import type { Core } from '@strapi/strapi';

/**
 * Which of the two supported databases Strapi runs on. Strapi names its dialects `sqlite` and
 * `postgres` (`strapi.db.dialect.client`); the knex client names (`better-sqlite3`, `pg`) are
 * accepted too, as a configuration may give them.
 */
export const isSqlite = (strapi: Core.Strapi): boolean => ['sqlite', 'better-sqlite3'].includes(strapi.db.dialect.client);

export const isPostgres = (strapi: Core.Strapi): boolean => ['postgres', 'pg'].includes(strapi.db.dialect.client);
