'use strict';
/**
 * The ceiling arm (C) of `npm run bench`: a bare Node `http` server that answers each route with the
 * bytes Passerelle gave for it, from memory. What is left of a request when the application does nothing.
 * The parent sends `{ type: 'responses', responses: { [route]: { status, contentType, body (base64) } } }`;
 * a request for `/<route>…` gets that route's answer.
 */
const http = require('node:http');

let responses = {};
const server = http.createServer((request, response) => {
  const route = decodeURIComponent(request.url.slice(1).split(/[/?]/)[0]);
  const answer = responses[route];
  // Read the body of a POST (GraphQL) before answering, as any server must.
  request.resume();
  request.on('end', () => {
    if (!answer) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(answer.status, { 'Content-Type': answer.contentType, 'Content-Length': answer.body.length });
    response.end(answer.body);
  });
});
server.keepAliveTimeout = 60_000;
process.on('message', (message) => {
  if (message.type === 'responses') {
    responses = Object.fromEntries(
      Object.entries(message.responses).map(([route, answer]) => [route, { ...answer, body: Buffer.from(answer.body, 'base64') }])
    );
    process.send({ type: 'ready' });
  } else if (message.type === 'stop') server.close(() => process.exit(0));
});
server.listen(0, '127.0.0.1', () => process.send({ type: 'listening', port: server.address().port }));
