// Reference server throughput and latency: the server runs in a child process (its own event
// loop and core), autocannon drives it from this one for ~5 s per route. Needs the compiled
// code: `npm run build` first. Prints req/s and p50/p99 latency per route. One description per
// pack (how to start its server, log in, and which routes to drive); bench/server-v2.mjs picks v2.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const UNLIMITED = { default: 1e9, search: 1e9, auth: 1e9 };

const PACKS = {
  bff: {
    title: 'reference server',
    start: async () => (await import('../dist/src/server/index.js')).startServer({ port: 0, rateLimits: UNLIMITED }),
    login: (server, c) => ['/auth/login', { emailAddress: c.email, password: c.password, gRecaptchaResponse: server.recaptchaToken }, (b) => b.accessToken],
    headers: { 'x-api-version': 'v1.0' },
    routes: (token) => [
      ['GET /products', '/products', {}],
      ['GET /products/{id}', '/products/prod-0042', {}],
      ['GET /customers/me', '/customers/me', { 'x-bff-token': token }],
    ],
  },
  v2: {
    title: 'v2 reference server',
    start: async () => (await import('../dist/src/server/v2/index.js')).startV2Server({ port: 0, rateLimits: UNLIMITED }),
    login: (_server, c) => ['/customers/login', { email: c.email, password: c.password }, (b) => b.token],
    headers: {},
    routes: (token) => [
      ['GET /catalog/products', '/catalog/products', {}],
      ['GET /catalog/products?sort=name_asc (JP)', '/catalog/products?sort=name_asc', { 'x-region': 'JP' }],
      ['GET /catalog/products/{id}', '/catalog/products/prod-0042', {}],
      ['GET /customers/me', '/customers/me', { authorization: token }],
    ],
  },
};

/** Start the pack's server in this (child) process, log in its first customer, report back. */
async function child(pack) {
  const server = await pack.start();
  const [path, body, tokenOf] = pack.login(server, server.customers[0]);
  const login = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...pack.headers }, body: JSON.stringify(body) });
  process.send({ url: server.url, token: tokenOf(await login.json()) });
  process.on('message', async (m) => {
    if (m === 'stop') {
      await server.close();
      process.exit(0);
    }
  });
}

/** Drive each route of the pack with autocannon against a child running its server. */
export async function bench(name, script = fileURLToPath(import.meta.url)) {
  const pack = PACKS[name];
  if (process.argv[2] === '--child') return child(pack);
  const { default: autocannon } = await import('autocannon');
  const proc = fork(script, ['--child'], { stdio: 'inherit' });
  const { url, token } = await new Promise((resolve) => proc.once('message', resolve));
  const rows = [];
  for (const [route, path, headers] of pack.routes(token)) {
    const r = await autocannon({ url: url + path, connections: CONNECTIONS, duration: DURATION, headers: { ...pack.headers, ...headers } });
    rows.push({ route, 'req/s': Math.round(r.requests.average), 'p50 ms': r.latency.p50, 'p99 ms': r.latency.p99, 'non-2xx': r.non2xx, errors: r.errors });
  }
  proc.send('stop');
  console.log(`${pack.title}, ${CONNECTIONS} connections, ${DURATION} s per route`);
  console.table(rows);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bench('bff');
