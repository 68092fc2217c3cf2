'use strict';
/**
 * The benchmark's HTTP client, and its load: `clients` connections, each sending its next request
 * when its answer arrives, for `seconds`. A measure's load runs in a worker thread of its own, with a
 * fresh heap: in the bench's main thread, the answers of earlier measures (hundreds of MB of buffers)
 * left a heap whose collections ran during later measures, on the cores the arm measured needed
 * (5 December: 1.6 s of the client's CPU in a 3-second measure of list pages, against 0.5 s in the
 * same measure earlier in the run, and P's p99 83 ms against 33).
 */
const http = require('node:http');
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');

/** One request; resolves with its status, time, headers and body (when asked). */
const send = (agent, port, { method, path: url, body }, { keepBody = false, timeoutMs = 60_000 } = {}) =>
  new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: url,
        method,
        agent,
        headers: body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {},
        timeout: timeoutMs,
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => keepBody && chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            contentType: response.headers['content-type'],
            headers: response.headers,
            body: keepBody ? Buffer.concat(chunks) : undefined,
          })
        );
      }
    );
    request.on('error', (error) => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6, error }));
    request.on('timeout', () => request.destroy(new Error('timeout')));
    if (body) request.write(body);
    request.end();
  });

/**
 * Sends `requests` in turn (from the start again when all are sent) over `clients` keep-alive
 * connections of a new agent for `seconds`; `accepted` lists the statuses counted as answers (all of
 * them when absent), any other is an error.
 */
const runClients = async ({ port, requests, seconds, clients, accepted }) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies = [];
  let errors = 0;
  let firstError;
  let next = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < deadline) {
        const request = requests[next++ % requests.length];
        const result = await send(agent, port, request);
        if (!accepted || accepted.includes(result.status)) latencies.push(result.ms);
        else {
          errors += 1;
          firstError ??= `${request.method} ${request.path} → ${result.status || result.error}`;
        }
      }
    })
  );
  agent.destroy();
  return { latencies, errors, firstError, elapsed: (Date.now() - started) / 1000 };
};

/** `runClients` in a new worker thread; resolves with its result. */
const loadInWorker = (options) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: options });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load worker exited with ${code}`)));
  });

if (!isMainThread) runClients(workerData).then((result) => parentPort.postMessage(result));

module.exports = { send, loadInWorker };
