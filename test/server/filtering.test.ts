// FLT-01..06: simple and structured filters, AND, completeness, INVALID_FILTER, content locale;
// rangeOnNonNumeric modes.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { boot, type Api } from './helpers.js';

let api: Api;
let token: string;
type P = { id: string; status: string; brand: string; inStock: boolean; featured: boolean; price: { centAmount: number }; categoryIds: string[]; createdAt: string };
let products: P[];
beforeAll(async () => {
  api = await boot();
  token = await api.login();
  products = [];
  for (let offset = 0; offset < 350; offset += 100) products.push(...(await api.get(`/products?limit=100&offset=${offset}`)).body.results);
});
afterAll(() => api.server.close());

async function check(query: string, pred: (p: P) => boolean) {
  const r = await api.get(`/products?limit=100&${query}`);
  expect(r.status, query).toBe(200);
  const expected = products.filter(pred);
  expect(r.body.total, query).toBe(expected.length);
  for (const p of r.body.results) expect(pred(p), `${query}: ${p.id}`).toBe(true);
  expect(expected.length, `${query} matches something`).toBeGreaterThan(0);
}

test('FLT-01: simple filters', async () => {
  const cats = (await api.get('/categories?limit=100')).body.results as Array<{ id: string; slug: string; parentId: string | null }>;
  const sofas = cats.find((c) => c.slug === 'sofas')!;
  await check('category=sofas', (p) => p.categoryIds.includes(sofas.id));
  await check('brand=Linen%20%26%20Oak', (p) => p.brand === 'Linen & Oak');
  await check('status=discontinued', (p) => p.status === 'discontinued');
  await check('inStock=false', (p) => !p.inStock);
  await check('featured=true', (p) => p.featured);
  await check('minPrice=49900&maxPrice=99900', (p) => p.price.centAmount >= 49900 && p.price.centAmount <= 99900);
  const v = await api.get('/products/prod-0001/variants?inStock=true');
  for (const x of v.body.results) expect(x.inStock).toBe(true);
  const a = await api.get('/customers/me/addresses?isDefault=true', { token });
  expect(a.body.results.every((x: { isDefault: boolean }) => x.isDefault)).toBe(true);
});

test('FLT-02/03/04: structured operators, AND, complete totals', async () => {
  await check('filter[price[gte]]=49900', (p) => p.price.centAmount >= 49900);
  await check('filter[price[gt]]=49900', (p) => p.price.centAmount > 49900);
  await check('filter[price[lt]]=9900', (p) => p.price.centAmount < 9900);
  await check('filter[price[lte]]=9900', (p) => p.price.centAmount <= 9900);
  await check('filter[price]=19900', (p) => p.price.centAmount === 19900);
  await check('filter[price[ne]]=19900', (p) => p.price.centAmount !== 19900);
  await check('filter[status]=active&filter[price[gte]]=5000&filter[price[lte]]=20000', (p) => p.status === 'active' && p.price.centAmount >= 5000 && p.price.centAmount <= 20000);
  await check('filter[status[ne]]=active', (p) => p.status !== 'active');
  await check('filter[featured]=true&inStock=true', (p) => p.featured && p.inStock);
  await check('filter[createdAt[gte]]=2024-06-01T00:00:00Z', (p) => Date.parse(p.createdAt) >= Date.parse('2024-06-01T00:00:00Z'));
  await check('filter[brand[ne]]=Heritage%20Co', (p) => p.brand !== 'Heritage Co');
  const roots = await api.get('/categories?filter[parentId]=null&limit=100');
  expect(roots.body.results.every((c: { parentId: null }) => c.parentId === null)).toBe(true);
  const orders = await api.get('/orders?filter[status]=DELIVERED&filter[totalAmount[gt]]=0', { token });
  expect(orders.body.total).toBeGreaterThan(0);
  expect(orders.body.results.every((o: { status: string }) => o.status === 'DELIVERED')).toBe(true);
  const since = await api.get('/orders?filter[createdAt[gte]]=2024-06-01T00:00:00Z', { token });
  expect(since.body.results.every((o: { createdAt: string }) => o.createdAt >= '2024-06-01')).toBe(true);
});

test('FLT-05: invalid filters name the parameter as sent', async () => {
  const bad = ['filter[price[gte]]=abc', 'filter[price[between]]=1', 'filter[colour]=red', 'filter[inStock]=yes', 'status=bogus', 'filter[status]=bogus', 'inStock=1', 'minPrice=12.5'];
  for (const q of bad) {
    const r = await api.get(`/products?${q}`);
    expect(r.status, q).toBe(400);
    expect(r.body.code).toBe('INVALID_FILTER');
    expect(r.body.errors[0]).toMatchObject({ field: decodeURIComponent(q.split('=')[0]), code: 'INVALID_VALUE' });
  }
  expect((await api.get('/orders?filter[status]=LOST', { token })).status).toBe(400);
  expect((await api.get('/customers/me/addresses?isDefault=maybe', { token })).status).toBe(400);
});

test('FLT-06: content locale must be xx-XX', async () => {
  for (const l of ['english', 'EN-au', 'en_AU', 'en']) expect((await api.get(`/content?locale=${l}`)).status, l).toBe(400);
  expect((await api.get('/content/footer?locale=en_AU')).status).toBe(400);
  expect((await api.get('/content?locale=en-NZ')).status).toBe(200);
});

test('rangeOnNonNumeric: compare (default) or reject', async () => {
  await check('filter[status[gt]]=active', (p) => p.status > 'active');
  const strict = await boot({ modes: { rangeOnNonNumeric: 'reject' } });
  try {
    const r = await strict.get('/products?filter[status[gt]]=active');
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ field: 'filter[status[gt]]', code: 'INVALID_VALUE' });
  } finally {
    await strict.server.close();
  }
});
