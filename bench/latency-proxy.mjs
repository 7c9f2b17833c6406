// A loopback HTTP proxy that adds a fixed delay before forwarding each request: a target "40 ms
// away" for the run bench, so the cost of latency is measured against a direct run in one go.
import { createServer, request } from 'node:http';

/** Start a proxy to `upstream` (http://127.0.0.1:port) adding `delayMs` to every request. */
export async function startLatencyProxy(upstream, delayMs) {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => {
        const out = request(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        out.on('error', () => {
          res.writeHead(502).end();
        });
        out.end(Buffer.concat(chunks));
      }, delayMs);
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}
