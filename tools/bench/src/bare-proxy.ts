import { Agent, createServer, request } from 'node:http';

/**
 * The stats bench's floor for any HTTP hop: a pass-through proxy with nothing else (no token check,
 * rate limit, headers, logging or metrics), on the same node:http machinery as the gateway.
 * The gateway's throughput is read against direct calls (the target) and against this.
 * Run from dist: PORT=… TARGET_URL=http://127.0.0.1:… node dist/tools/bench/src/bare-proxy.js
 */
const target = new URL(process.env.TARGET_URL ?? '');
// Idle connections are dropped before stats-api's own keep-alive timeout (5 s), as the gateway does (its IDLE_CONNECTION_MS).
const agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 4_000 });

createServer((req, res) => {
  const upstream = request(
    // Host names the service, which answers only to its own address.
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host }, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.writeHead(502).end());
  upstream.end();
}).listen(Number(process.env.PORT), '127.0.0.1');
