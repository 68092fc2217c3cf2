/** Per-run secrets and a throwaway SQLite file, so a test never depends on a developer's `.env`. */
export declare const testEnvironment: (databaseFile: string) => Record<string, string>;
export declare const temporaryDatabaseFile: (label: string) => string;
