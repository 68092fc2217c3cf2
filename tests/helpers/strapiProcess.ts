import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const APP_DIR = path.resolve(__dirname, '..', '..');
const STRAPI_BIN = path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');

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

export type StrapiProcess = {
  url: string;
  /** Everything the process printed, for failure reports. */
  output: () => string;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop: () => Promise<void>;
  /** SIGKILL at once, as a crash or an OOM killer would: no shutdown hook runs. */
  kill: () => Promise<void>;
};

/**
 * The built app in a process of its own (`strapi start` from the app directory) on a free port of
 * 127.0.0.1, once it answers `/_health`. A process that exits or stays silent for `timeoutMs` is
 * stopped, and the error carries what it printed. `envFor` receives the address (for `PUBLIC_URL`).
 */
export const startStrapiProcess = async (
  envFor: (url: string) => Record<string, string | undefined>,
  timeoutMs = 90000
): Promise<StrapiProcess> => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [STRAPI_BIN, 'start'], {
    cwd: APP_DIR,
    env: { ...process.env, ...envFor(url), HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(timer);
  };

  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`strapi start exited with code ${child.exitCode}\n--- server output ---\n${output}`);
    try {
      if ((await fetch(`${url}/_health`)).status === 204) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Strapi did not answer /_health within ${timeoutMs} ms\n--- server output ---\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, output: () => output, stop, kill };
};
