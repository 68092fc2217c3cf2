/** The environment variables naming the tests' template databases (databaseTemplates.js). */
export declare const SQLITE_TEMPLATE: 'TEST_SQLITE_TEMPLATE';
export declare const POSTGRES_TEMPLATE: 'TEST_POSTGRES_TEMPLATE';
export declare const createTemplates: (appDir: string) => Promise<void>;
export declare const dropTemplates: () => Promise<void>;
