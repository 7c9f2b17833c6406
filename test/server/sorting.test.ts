// SRT-01..06: comparison rules, multi-sort, order across pages, errors, determinism; lenientSort.
import { expect, test } from 'vitest';
import { boot, useSignedInServer, type Api } from './helpers.js';

let api: Api;
let token: string;
useSignedInServer((a, t) => {
  api = a;
  token = t;
});

const collator = new Intl.Collator('en', { sensitivity: 'base' });
type P = { id: string; name: Record<string, string>; price: { centAmount: number }; popularity: number; featured: boolean; createdAt: string };
const all = async (sort: string): Promise<P[]> => {
  const out: P[] = [];
  for (let offset = 0; offset < 350; offset += 100) out.push(...(await api.get(`/products?limit=100&offset=${offset}&${sort}`)).body.results);
  return out;
};
const cmp: Record<string, (a: P, b: P) => number> = {
  name: (a, b) => collator.compare(a.name['en-AU'], b.name['en-AU']),
  price: (a, b) => a.price.centAmount - b.price.centAmount,
  popularity: (a, b) => a.popularity - b.popularity,
  featured: (a, b) => Number(a.featured) - Number(b.featured),
  createdAt: (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt),
};

test('SRT-01/03: every field, both directions, across pages', async () => {
  for (const field of Object.keys(cmp)) {
    for (const dir of ['asc', 'desc']) {
      const items = await all(`sort=${field}:${dir}`);
      for (let i = 1; i < items.length; i++) {
        const c = cmp[field](items[i - 1], items[i]);
        expect(dir === 'asc' ? c <= 0 : c >= 0, `${field}:${dir} at ${i}`).toBe(true);
      }
    }
  }
});

test('SRT-02: later sorts order the ties of earlier ones; data has ties', async () => {
  const items = await all('sort=featured:desc&sort=popularity:desc&sort=name:asc');
  let ties = 0;
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1], items[i]];
    const f = cmp.featured(a, b);
    expect(f).toBeGreaterThanOrEqual(0);
    if (f === 0) {
      const p = cmp.popularity(a, b);
      expect(p).toBeGreaterThanOrEqual(0);
      if (p === 0) {
        ties++;
        expect(cmp.name(a, b)).toBeLessThanOrEqual(0);
      }
    }
  }
  expect(ties).toBeGreaterThan(0);
});

test('SRT-04/05: unsupported field and bad direction are 400', async () => {
  const f = await api.get('/products?sort=colour:asc');
  expect(f.status).toBe(400);
  expect(f.body).toMatchObject({ code: 'INVALID_SORT_FIELD', errors: [{ field: 'sort', code: 'UNSUPPORTED' }] });
  expect((await api.get('/orders?sort=price:asc', { token })).body.code).toBe('INVALID_SORT_FIELD');
  expect((await api.get('/categories?sort=name:up')).status).toBe(400);
  expect((await api.get('/products?sort=name:ascending')).status).toBe(400);
});

test('SRT-06: the same request twice gives the same order', async () => {
  const a = await api.get('/products?sort=price:asc&limit=100');
  const b = await api.get('/products?sort=price:asc&limit=100');
  expect(a.text).toBe(b.text);
});

test('orders sort by createdAt, status, totalAmount; v1 by createdAt, status', async () => {
  const r = await api.get('/orders?sort=totalAmount:desc', { token });
  const totals = r.body.results.map((o: { totalAmount: { centAmount: number } }) => o.totalAmount.centAmount);
  expect(totals).toEqual([...totals].sort((a: number, b: number) => b - a));
  const s = await api.get('/orders/v1?sort=status:asc&sort=createdAt:desc', { token });
  const st = s.body.results.map((o: { status: string }) => o.status);
  expect(st).toEqual([...st].sort(collator.compare));
  expect((await api.get('/orders/v1?sort=totalAmount:asc', { token })).status).toBe(400);
});

test('lenientSort: accept (default) vs reject', async () => {
  expect((await api.get('/products?sort=price')).status).toBe(200);
  const desc = await api.get('/products?sort=price:DESC&limit=2');
  expect(desc.body.results[0].price.centAmount).toBeGreaterThanOrEqual(desc.body.results[1].price.centAmount);
  const strict = await boot({ modes: { lenientSort: 'reject' } });
  try {
    expect((await strict.get('/products?sort=price')).status).toBe(400);
    expect((await strict.get('/products?sort=price:ASC')).status).toBe(400);
    expect((await strict.get('/products?sort=price:asc')).status).toBe(200);
  } finally {
    await strict.server.close();
  }
});
