// v2 reference server throughput and latency (src/server/v2), as bench/server.mjs does for the
// BFF: the server in a child process, autocannon drives it ~5 s per route. Needs `npm run build`.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

if (process.argv[2] === '--child') {
  const { startV2Server } = await import('../dist/src/server/v2/index.js');
  const server = await startV2Server({ port: 0, rateLimits: { default: 1e9, search: 1e9, auth: 1e9 } });
  const c = server.customers[0];
  const login = await fetch(server.url + '/customers/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: c.email, password: c.password }),
  });
  const { token } = await login.json();
  process.send({ url: server.url, token });
  process.on('message', async (m) => {
    if (m === 'stop') {
      await server.close();
      process.exit(0);
    }
  });
} else {
  const { default: autocannon } = await import('autocannon');
  const child = fork(fileURLToPath(import.meta.url), ['--child'], { stdio: 'inherit' });
  const { url, token } = await new Promise((resolve) => child.once('message', resolve));
  const targets = [
    ['GET /catalog/products', '/catalog/products', {}],
    ['GET /catalog/products?sort=name_asc (JP)', '/catalog/products?sort=name_asc', { 'x-region': 'JP' }],
    ['GET /catalog/products/{id}', '/catalog/products/prod-0042', {}],
    ['GET /customers/me', '/customers/me', { authorization: token }],
  ];
  const rows = [];
  for (const [name, path, headers] of targets) {
    const r = await autocannon({ url: url + path, connections: CONNECTIONS, duration: DURATION, headers });
    rows.push({ route: name, 'req/s': Math.round(r.requests.average), 'p50 ms': r.latency.p50, 'p99 ms': r.latency.p99, 'non-2xx': r.non2xx, errors: r.errors });
  }
  child.send('stop');
  console.log(`v2 reference server, ${CONNECTIONS} connections, ${DURATION} s per route`);
  console.table(rows);
}
