import net from 'node:net';

export type InterruptibleProxy = {
  /** `redis://127.0.0.1:<port>` style address of the proxy, with the target's scheme and path. */
  url: string;
  /** Drops every connection and refuses new ones, as a stopped server does. */
  cut: () => Promise<void>;
  /** Keeps connections open but stops passing requests on, as a server that hangs does; `resume` passes on what waited. */
  hang: () => void;
  resume: () => void;
  /** Accepts connections again after `cut`. */
  restore: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * A TCP relay in front of a server (Redis in the tests), so a test can make the server disappear
 * or hang for the app without touching the real one, which other tests may share.
 */
export const startInterruptibleProxy = async (targetUrl: string): Promise<InterruptibleProxy> => {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  /** Each client connection and its connection to the target. */
  const clients = new Map<net.Socket, net.Socket>();
  let hanging = false;

  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    clients.set(client, upstream);
    client.on('close', () => clients.delete(client));
    if (!hanging) client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  const cut = async () => {
    const closed = stopListening();
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    url: url.toString(),
    cut,
    hang: () => {
      hanging = true;
      // What the client sends waits in its socket, unread, and reaches the target in order on `resume`.
      for (const [client, upstream] of clients) {
        client.unpipe(upstream);
        client.pause();
      }
    },
    resume: () => {
      hanging = false;
      for (const [client, upstream] of clients) client.pipe(upstream);
    },
    restore: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: cut,
  };
};
