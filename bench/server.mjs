// Reference server throughput and latency: the server runs in a child process (its own event
// loop and core), autocannon drives it from this one for ~5 s per route. Needs the compiled
// code: `npm run build` first. Prints req/s and p50/p99 latency per route.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

if (process.argv[2] === '--child') {
  const { startServer } = await import('../dist/src/server/index.js');
  const unlimited = { default: 1e9, search: 1e9, auth: 1e9 };
  const server = await startServer({ port: 0, rateLimits: unlimited });
  const c = server.customers[0];
  const login = await fetch(server.url + '/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-version': 'v1.0' },
    body: JSON.stringify({ emailAddress: c.email, password: c.password, gRecaptchaResponse: server.recaptchaToken }),
  });
  const { accessToken } = await login.json();
  process.send({ url: server.url, token: accessToken });
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
    ['GET /products', '/products', {}],
    ['GET /products/{id}', '/products/prod-0042', {}],
    ['GET /customers/me', '/customers/me', { 'x-bff-token': token }],
  ];
  const rows = [];
  for (const [name, path, headers] of targets) {
    const r = await autocannon({ url: url + path, connections: CONNECTIONS, duration: DURATION, headers: { 'x-api-version': 'v1.0', ...headers } });
    rows.push({ route: name, 'req/s': Math.round(r.requests.average), 'p50 ms': r.latency.p50, 'p99 ms': r.latency.p99, 'non-2xx': r.non2xx, errors: r.errors });
  }
  child.send('stop');
  console.log(`reference server, ${CONNECTIONS} connections, ${DURATION} s per route`);
  console.table(rows);
}
