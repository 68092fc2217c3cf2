import fs from 'node:fs';

/**
 * Test-only: lets a browser test move the clock of a separately running server, which it cannot
 * reach in memory. Enabled only when PASSERELLE_TEST_CLOCK_FILE names a file and NODE_ENV is not
 * `production` (config/passerelle.ts decides with `testClockFile`); the file holds one ISO instant. No file, an empty file or an unreadable instant
 * means real time.
 */
export const TEST_CLOCK_ENV = 'PASSERELLE_TEST_CLOCK_FILE';

type Env = Record<string, string | undefined>;
type ReadFile = (path: string) => string | undefined;

const readIfPresent: ReadFile = (path) => {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

export const testClockFile = (env: Env): string | undefined =>
  env.NODE_ENV !== 'production' && env[TEST_CLOCK_ENV] ? env[TEST_CLOCK_ENV] : undefined;

export const readTestClock = (file: string | undefined, readFile: ReadFile = readIfPresent): Date | undefined => {
  if (!file) return undefined;
  const text = readFile(file)?.trim();
  if (!text) return undefined;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
};
