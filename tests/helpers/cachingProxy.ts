import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { APP_DIR } from './strapi';

/**
 * A real caching proxy (Debian's Varnish or nginx) in front of a running app, configured with the
 * ready-made files shipped in config/proxy/ (only the ports and the cache folder are changed).
 * `.ci/proxy.sh` installs both; a test skips a proxy that is not installed.
 */
export type ProxyKind = 'varnish' | 'nginx';

const BINARIES: Record<ProxyKind, string> = { varnish: '/usr/sbin/varnishd', nginx: '/usr/sbin/nginx' };
/** Debian's libnginx-mod-http-cache-purge: the shipped nginx file's `proxy_cache_purge` needs it. */
const NGINX_PURGE_MODULE = '/usr/lib/nginx/modules/ngx_http_cache_purge_module.so';

export const isInstalled = (kind: ProxyKind): boolean =>
  fs.existsSync(BINARIES[kind]) && (kind !== 'nginx' || fs.existsSync(NGINX_PURGE_MODULE));

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

export type RunningProxy = { kind: ProxyKind; url: string; stop: () => Promise<void> };

const shipped = (file: string) => fs.readFileSync(path.join(APP_DIR, 'config', 'proxy', file), 'utf8');

const replaceOnce = (text: string, from: string, to: string): string => {
  if (!text.includes(from)) throw new Error(`config/proxy no longer contains "${from}": update tests/helpers/cachingProxy.ts`);
  return text.replace(from, to);
};

const waitForPort = async (port: number, child: ChildProcess, log: () => string): Promise<void> => {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`proxy exited (${child.exitCode}): ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`proxy did not listen on ${port}: ${log()}`);
};

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });

export const startProxy = async (kind: ProxyKind, backendPort: number): Promise<RunningProxy> => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `passerelle-${kind}-`));
  const port = await freePort();
  let child: ChildProcess;
  let output = '';
  if (kind === 'varnish') {
    const vcl = replaceOnce(shipped('passerelle.vcl'), '.port = "1337";', `.port = "${backendPort}";`);
    fs.writeFileSync(path.join(directory, 'passerelle.vcl'), vcl);
    // -j none: no privilege separation, so the test's temporary folder needs no other owner.
    child = spawn(
      BINARIES.varnish,
      [
        '-F',
        '-j',
        'none',
        '-n',
        path.join(directory, 'work'),
        '-a',
        `127.0.0.1:${port}`,
        '-f',
        path.join(directory, 'passerelle.vcl'),
        '-s',
        'malloc,32m',
        '-T',
        'none',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      }
    );
  } else {
    let site = replaceOnce(shipped('nginx-passerelle.conf'), '/var/cache/nginx/passerelle', path.join(directory, 'cache'));
    site = replaceOnce(site, 'listen 8080;', `listen 127.0.0.1:${port};`);
    site = replaceOnce(site, 'server 127.0.0.1:1337;', `server 127.0.0.1:${backendPort};`);
    fs.writeFileSync(path.join(directory, 'passerelle.conf'), site);
    const temp = (name: string) => `${name}_temp_path ${path.join(directory, name)};`;
    fs.writeFileSync(
      path.join(directory, 'nginx.conf'),
      [
        // Debian's nginx.conf loads it from /etc/nginx/modules-enabled; this minimal one names it.
        `load_module ${NGINX_PURGE_MODULE};`,
        process.getuid?.() === 0 ? 'user root;' : '',
        'worker_processes 1;',
        `error_log ${path.join(directory, 'error.log')};`,
        `pid ${path.join(directory, 'nginx.pid')};`,
        'events { worker_connections 256; }',
        `http { access_log off; ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join(' ')} include ${path.join(directory, 'passerelle.conf')}; }`,
      ].join('\n')
    );
    child = spawn(BINARIES.nginx, ['-p', directory, '-c', path.join(directory, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const log = () =>
    output + (fs.existsSync(path.join(directory, 'error.log')) ? fs.readFileSync(path.join(directory, 'error.log'), 'utf8') : '');
  try {
    await waitForPort(port, child, log);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    kind,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await stopChild(child);
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
};
