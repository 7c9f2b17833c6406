// The reference server's load-testing aid (src/server/slowdown.ts): slowRoute/slowMs make one route
// answer later, slowAboveRps only while the arrival rate is above a bound; invalid values are one
// clear error. A delay is a lower bound (setTimeout never fires early), so asserting it is safe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server/index.js';
import type { RunningServer } from '../src/server/types.js';

const headers = { 'X-Api-Version': 'v1.0', Accept: 'application/json' };

async function timed(url: string): Promise<{ ms: number; status: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status };
}

describe('reference server slow modes', () => {
  let server: RunningServer;
  let productId: string;
  beforeAll(async () => {
    server = await startServer({ port: 0, modes: { slowRoute: 'GET /products/{productId}', slowMs: 250 } });
    const list = (await (await fetch(`${server.url}/products?limit=1`, { headers })).json()) as { results: { id: string }[] };
    productId = list.results[0].id;
  });
  afterAll(() => server?.close());

  it('delays exactly the named route, and answers it correctly', async () => {
    const slow = await timed(`${server.url}/products/${productId}`);
    expect(slow.status).toBe(200);
    expect(slow.ms).toBeGreaterThanOrEqual(245);
    // the list route is another template: not delayed (no upper bound asserted: the machine is shared)
    const samples = await Promise.all([1, 2, 3].map(() => timed(`${server.url}/products?limit=1`)));
    expect(samples.some((s) => s.ms < 245)).toBe(true);
  });

  it('slowAboveRps: no delay while the arrival rate stays below the bound', async () => {
    const s = await startServer({ port: 0, modes: { slowRoute: 'all', slowMs: 5000, slowAboveRps: 1000 } });
    try {
      const r = await timed(`${s.url}/categories`);
      expect(r.status).toBe(200);
      expect(r.ms).toBeLessThan(4000); // a 5 s delay would have been applied
    } finally {
      await s.close();
    }
  });

  it.each([
    [{ slowRoute: 'products' }, /invalid mode slowRoute=products: expected a route template/],
    [{ slowMs: -1 }, /invalid mode slowMs=-1: expected a whole number 0\.\.60000/],
  ])('rejects %o with one clear line', async (modes, message) => {
    await expect(startServer({ port: 0, modes: modes as never })).rejects.toThrow(message);
  });
});
