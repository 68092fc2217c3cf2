import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = { event: string; [key: string]: unknown };

/** A local HTTP endpoint that records the webhooks Strapi sends to it, answering each `answerAfterMs` after it arrived (a slow receiver). */
export const startWebhookReceiver = async ({ answerAfterMs = 0 }: { answerAfterMs?: number } = {}) => {
  const received: ReceivedWebhook[] = [];
  const waiters: Array<() => void> = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(body) as ReceivedWebhook);
      waiters.splice(0).forEach((wake) => wake());
      setTimeout(() => response.writeHead(200).end(), answerAfterMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** Resolves once `count` webhooks have arrived, or rejects after `ms`. */
    waitFor: (count: number, ms = 5000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${received.length} of ${count} webhooks arrived`)), ms);
        const check = () => {
          if (received.length >= count) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
