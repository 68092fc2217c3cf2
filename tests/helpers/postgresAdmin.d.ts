/** Runs one statement on a connection of its own (CREATE DATABASE and DROP DATABASE cannot run in a transaction). */
export declare const adminQuery: (url: string, sql: string) => Promise<void>;
/** `adminUrl` (a server's admin connection) pointed at the database `name`. */
export declare const databaseUrl: (adminUrl: string, name: string) => string;
