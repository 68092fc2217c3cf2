import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { bootStrapi, type TestServer } from '../helpers/strapi';

/** Node's default keep-alive timeout: shorter than any proxy's idle timeout, so proxies met closing connections. */
const NODE_DEFAULT_KEEP_ALIVE_MS = 5_000;
const NGINX_CONFIG = path.resolve(__dirname, '../../config/proxy/nginx-passerelle.conf');

/** Sends one request on `socket` and resolves with the answer's status line once its headers are in (`/_health` has no body). */
const exchange = (socket: net.Socket, url: string): Promise<string> =>
  new Promise((resolve, reject) => {
    if (socket.readableEnded || socket.destroyed) {
      reject(new Error('the server had closed the connection'));
      return;
    }
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (!received.includes('\r\n\r\n')) return;
      done();
      resolve(received.slice(0, received.indexOf('\r\n')));
    };
    const onClosed = () => {
      done();
      reject(new Error('the server closed the connection'));
    };
    const done = () => {
      socket.off('data', onData);
      socket.off('end', onClosed);
      socket.off('close', onClosed);
      socket.off('error', onClosed);
    };
    socket.on('data', onData);
    socket.once('end', onClosed);
    socket.once('close', onClosed);
    socket.once('error', onClosed);
    socket.write(`GET ${url} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n`);
  });

/*
 * A proxy in front (the shipped nginx and Varnish configurations keep upstream connections for 60 s)
 * must be the one that closes an idle connection: with Node's 5 s, the proxy could send a request on a
 * connection Passerelle was closing at that instant, and answer 502.
 */
describe('keep-alive connections outlive the proxy’s idle timeout', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await bootStrapi();
  });

  afterAll(async () => {
    await server?.destroy();
  });

  it('keeps an idle connection longer than the shipped nginx configuration keeps its own, with headers allowed longer still', () => {
    const { keepAliveTimeout, headersTimeout } = server.strapi.server.httpServer;
    const nginxSeconds = Number(/keepalive_timeout\s+(\d+)s;/.exec(fs.readFileSync(NGINX_CONFIG, 'utf8'))?.[1]);
    expect(nginxSeconds).toBeGreaterThan(0);
    expect(keepAliveTimeout).toBeGreaterThan(nginxSeconds * 1000);
    expect(headersTimeout).toBeGreaterThan(keepAliveTimeout);
  });

  it('answers a second request on a connection left idle longer than Node’s default', async () => {
    const httpServer = server.strapi.server.httpServer;
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    const { port } = httpServer.address() as net.AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    try {
      await new Promise((resolve) => socket.once('connect', resolve));
      expect(await exchange(socket, '/_health')).toBe('HTTP/1.1 204 No Content');
      await new Promise((resolve) => setTimeout(resolve, NODE_DEFAULT_KEEP_ALIVE_MS + 1_000));
      expect(await exchange(socket, '/_health')).toBe('HTTP/1.1 204 No Content');
    } finally {
      socket.destroy();
    }
  });
});
