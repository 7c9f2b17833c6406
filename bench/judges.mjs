// Bench: the run-wide judges (src/engine/answer-log.ts) on real answers. Records ~2,000 exchanges
// from the reference server over loopback (full product pages, single products, categories, carts,
// 404s), then folds them through a fresh log three times: the first pass (cold: JIT, validators)
// and warm passes. Prints ms per pass and per answer. Usage: node bench/judges.mjs
const { startServer } = await import('../dist/src/server/index.js');
const { loadContract } = await import('../dist/src/contract/load.js');
const { createRunServices } = await import('../dist/src/engine/services.js');
const { AnswerLog } = await import('../dist/src/engine/answer-log.js');

const server = await startServer({ port: 0, host: '127.0.0.1', rateLimits: { default: 100_000, windowMs: 1000 } });
const contract = loadContract('storefront-bff');
const recorded = [];
const c = server.customers[0];
const login = await fetch(`${server.url}/auth/login`, {
  method: 'POST', headers: { 'content-type': 'application/json', 'x-api-version': 'v1.0' },
  body: JSON.stringify({ emailAddress: c.email, password: c.password, gRecaptchaResponse: server.recaptchaToken }),
});
const services = createRunServices({
  contract, baseUrl: server.url, production: false, apiVersion: 'v1.0', timeoutMs: 10_000,
  tokens: { customer: (await login.json()).accessToken },
  onExchange: (ex) => recorded.push(ex),
});
const send = (spec) => services.client.send(spec);
try {
  const cart = (await send({ method: 'POST', path: '/carts', auth: 'customer', json: { currencyCode: 'AUD' } })).response.json;
  for (const id of ['prod-0001', 'prod-0002']) await send({ method: 'POST', path: `/carts/${cart.id}/line-items`, auth: 'customer', json: { productId: id, quantity: 2 } });
  for (let round = 0; round < 40; round++) {
    const specs = [
      ...[0, 100, 200, 300].map((offset) => ({ method: 'GET', path: '/products', query: { limit: 100, offset } })),
      ...Array.from({ length: 20 }, (_, i) => ({ method: 'GET', path: `/products/prod-${String(i + 1 + round).padStart(4, '0')}` })),
      { method: 'GET', path: '/categories' },
      { method: 'GET', path: `/carts/${cart.id}`, auth: 'customer' },
      { method: 'GET', path: '/orders', auth: 'customer' },
      ...Array.from({ length: 20 }, (_, i) => ({ method: 'GET', path: `/products/zz-${round}-${i}` })),
    ];
    await Promise.all(specs.map(send));
  }
  const bytes = recorded.reduce((n, ex) => n + (ex.response?.text.length ?? 0), 0);
  console.log(`${recorded.length} answers recorded, ${(bytes / 1e6).toFixed(1)} MB of bodies`);
  for (let pass = 0; pass < 3; pass++) {
    const log = new AnswerLog(contract);
    const t0 = performance.now();
    for (const ex of recorded) log.observe(ex);
    const ms = performance.now() - t0;
    if (log.toolError) throw new Error(log.toolError);
    const judged = log.tally('FMT-04').judged;
    console.log(`pass ${pass + 1}${pass ? '' : ' (cold)'}: ${ms.toFixed(0)} ms, ${(ms / recorded.length).toFixed(3)} ms per answer (${judged} bodies walked)`);
  }
} finally {
  await services.client.close();
  await server.close();
}
