import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { temporaryDatabaseFile, testEnvironment } from '../../helpers/testEnvironment';
import { startStrapiProcess, type StrapiProcess } from '../../helpers/strapiProcess';

export const APP_DIR = path.resolve(__dirname, '..', '..', '..');

export type AppServer = {
  url: string;
  /** Moves the server's clock (PASSERELLE_TEST_CLOCK_FILE); `undefined` restores real time. */
  setNow: (instant?: string) => void;
  /** Everything the server printed, for failure reports. */
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * Runs the built app (`strapi start`, admin panel served) on a throwaway SQLite file and a free
 * port, with a clock file the test controls.
 */
export const startAppServer = async (): Promise<AppServer> => {
  const databaseFile = temporaryDatabaseFile('e2e');
  const clockFile = path.join(os.tmpdir(), `passerelle-e2e-clock-${process.pid}-${Date.now()}`);
  fs.writeFileSync(clockFile, '');
  const removeFiles = () => {
    for (const file of [clockFile, databaseFile, `${databaseFile}-journal`, `${databaseFile}-wal`, `${databaseFile}-shm`])
      fs.rmSync(file, { force: true });
  };

  let server: StrapiProcess;
  try {
    server = await startStrapiProcess((url) => ({
      ...testEnvironment(databaseFile),
      PUBLIC_URL: url,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      PASSERELLE_TEST_CLOCK_FILE: clockFile,
    }));
  } catch (error) {
    removeFiles();
    throw error;
  }
  return {
    url: server.url,
    setNow: (instant) => fs.writeFileSync(clockFile, instant ?? ''),
    output: server.output,
    stop: async () => {
      await server.stop();
      removeFiles();
    },
  };
};
