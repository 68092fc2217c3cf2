import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { temporaryDatabaseFile, testEnvironment } from '../../helpers/testEnvironment';

export const APP_DIR = path.resolve(__dirname, '..', '..', '..');
const STRAPI_BIN = path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');

export type AppServer = {
  url: string;
  /** Moves the server's clock (PASSERELLE_TEST_CLOCK_FILE); `undefined` restores real time. */
  setNow: (instant?: string) => void;
  /** Everything the server printed, for failure reports. */
  output: () => string;
  stop: () => Promise<void>;
};

/** A free TCP port chosen by the OS (1337 may belong to someone's running CMS). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

const waitForHealth = async (url: string, child: ChildProcess, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`strapi start exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/_health`)).status === 204) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Strapi did not answer /_health within ${timeoutMs} ms`);
};

/**
 * Runs the built app (`strapi start`, admin panel served) on a throwaway SQLite file and a free
 * port, with a clock file the test controls.
 */
export const startAppServer = async (): Promise<AppServer> => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const databaseFile = temporaryDatabaseFile('e2e');
  const clockFile = path.join(os.tmpdir(), `passerelle-e2e-clock-${process.pid}-${port}`);
  fs.writeFileSync(clockFile, '');
  let output = '';

  const child = spawn(process.execPath, [STRAPI_BIN, 'start'], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      ...testEnvironment(databaseFile),
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      PASSERELLE_TEST_CLOCK_FILE: clockFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    }
    for (const file of [clockFile, databaseFile, `${databaseFile}-journal`, `${databaseFile}-wal`, `${databaseFile}-shm`]) fs.rmSync(file, { force: true });
  };

  try {
    await waitForHealth(url, child, 90000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return {
    url,
    setNow: (instant) => fs.writeFileSync(clockFile, instant ?? ''),
    output: () => output,
    stop,
  };
};
