// PAG-01..08 on the paged endpoints; both outOfRange modes.
import { describe, expect, test } from 'vitest';
import { boot, useSignedInServer, type Api } from './helpers.js';

let api: Api;
let token: string;
useSignedInServer((a, t) => {
  api = a;
  token = t;
});

const PAGED = ['/products', '/products/prod-0001/variants', '/products/prod-0001/media', '/categories', '/collections', '/search?query=sofa', '/content', '/orders', '/orders/v1', '/orders/v2', '/customers/me/addresses'];
const withQ = (p: string, q: string) => p + (p.includes('?') ? '&' : '?') + q;

describe('PAG-01/02/08 defaults and envelope on every paged endpoint', () => {
  test.each(PAGED)('%s', async (path) => {
    const r = await api.get(path, { token });
    expect(r.status).toBe(200);
    const { limit, offset, count, total, results } = r.body;
    expect([limit, offset]).toEqual([20, 0]);
    expect(count).toBe(results.length);
    expect(count).toBeLessThanOrEqual(limit);
    expect(offset + count).toBeLessThanOrEqual(total);
    const custom = await api.get(withQ(path, 'limit=3&offset=1'), { token });
    expect([custom.body.limit, custom.body.offset]).toEqual([3, 1]);
  });
});

test('PAG-03/07: walking /products yields every item once, full pages, stable total', async () => {
  for (const sort of ['', '&sort=price:asc', '&sort=popularity:desc']) {
    const seen: string[] = [];
    let offset = 0;
    for (;;) {
      const r = await api.get(`/products?limit=37&offset=${offset}${sort}`);
      expect(r.body.total).toBe(350);
      if (offset + 37 <= 350) expect(r.body.count).toBe(37);
      seen.push(...r.body.results.map((p: { id: string }) => p.id));
      if (offset + r.body.count >= r.body.total) break;
      offset += 37;
    }
    expect(seen.length).toBe(350);
    expect(new Set(seen).size).toBe(350);
  }
});

test('PAG-04/05: out-of-range limit/offset rejected with 400 by default', async () => {
  for (const q of ['limit=0', 'limit=101', 'limit=-1', 'limit=abc', 'offset=-1', 'offset=abc']) {
    const r = await api.get(`/products?${q}`);
    expect(r.status, q).toBe(400);
    expect(r.body.status).toBe(400);
  }
  expect((await api.get('/products?limit=100')).body.count).toBe(100);
});

test('PAG-06: offset past the end is an empty 200 page', async () => {
  const r = await api.get('/products?offset=350');
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ offset: 350, count: 0, results: [], total: 350 });
  expect((await api.get('/collections?offset=9999')).body.count).toBe(0);
});

test('outOfRange=clamp echoes the applied values', async () => {
  const c = await boot({ modes: { outOfRange: 'clamp' } });
  try {
    const cases: Array<[string, number, number]> = [['limit=0', 1, 0], ['limit=101', 100, 0], ['limit=-1', 1, 0], ['limit=abc', 20, 0], ['offset=-1', 20, 0], ['offset=abc', 20, 0]];
    for (const [q, limit, offset] of cases) {
      const r = await c.get(`/products?${q}`);
      expect(r.status, q).toBe(200);
      expect([r.body.limit, r.body.offset], q).toEqual([limit, offset]);
      expect(r.body.count).toBe(Math.min(limit, 350));
    }
  } finally {
    await c.server.close();
  }
});

test('a small catalogue has one page only', async () => {
  const c = await boot({ modes: { productCount: 5 } });
  try {
    const r = await c.get('/products');
    expect(r.body).toMatchObject({ total: 5, count: 5 });
  } finally {
    await c.server.close();
  }
});
