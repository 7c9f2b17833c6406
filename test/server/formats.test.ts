// FMT-01..04 on every response object of a walk over the endpoints, in both id formats.
import { describe, expect, test } from 'vitest';
import { boot } from './helpers.js';

const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DIGITS: Record<string, number> = { AUD: 2, NZD: 2, JPY: 0 };

/** Every format problem found anywhere in a JSON value. */
function problems(v: unknown, path = '$', out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x, i) => problems(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('centAmount' in o) {
      if (o.type !== 'centPrecision' || !Number.isInteger(o.centAmount) || DIGITS[o.currencyCode as string] !== o.fractionDigits) out.push(`${path}: money ${JSON.stringify(o)}`);
    }
    for (const [k, x] of Object.entries(o)) {
      if (k.endsWith('At') && !(typeof x === 'string' && TS.test(x))) out.push(`${path}.${k}: timestamp ${String(x)}`);
      if (k === 'name' && !(x && typeof x === 'object' && Object.keys(x).length && Object.keys(x).every((t) => /^[a-z]{2}-[A-Z]{2}$/.test(t)))) out.push(`${path}.name: ${JSON.stringify(x)}`);
      if ((k === 'id' || k.endsWith('Id')) && x !== null && typeof x !== 'string') out.push(`${path}.${k}: id ${String(x)}`);
    }
    if ('version' in o && !(Number.isInteger(o.version) && (o.version as number) >= 1)) out.push(`${path}.version ${String(o.version)}`);
    if (typeof o.createdAt === 'string' && typeof o.lastModifiedAt === 'string' && Date.parse(o.createdAt) > Date.parse(o.lastModifiedAt)) out.push(`${path}: createdAt > lastModifiedAt`);
    for (const [k, x] of Object.entries(o)) problems(x, `${path}.${k}`, out);
  }
  return out;
}

describe.each(['prefixed', 'uuid'] as const)('idFormat=%s', (idFormat) => {
  test('FMT-01..04 across the endpoints', async () => {
    const api = await boot({ modes: { idFormat } });
    try {
      const token = await api.login();
      const product = (await api.get('/products?limit=1')).body.results[0].id;
      if (idFormat === 'uuid') expect(product).toMatch(/^[0-9a-f-]{36}$/);
      const cart = (await api.req('POST', '/carts', { token, body: { currencyCode: 'NZD' } })).body;
      await api.req('POST', `/carts/${cart.id}/line-items`, { token, body: { productId: product, quantity: 2 } });
      await api.req('PUT', `/carts/${cart.id}`, { token, body: { discountCode: 'WELCOME10' } });
      const addr = (await api.get('/customers/me/addresses', { token })).body.results[0].id;
      const session = (await api.req('POST', '/checkout', { token, body: { cartId: cart.id, shippingAddressId: addr } })).body;
      const confirm = await api.req('POST', `/checkout/${session.id}/confirm`, { token });
      const paths = ['/products?limit=100', `/products/${product}`, `/products/${product}/variants`, `/products/${product}/media`, '/categories?limit=100', '/collections', '/search?query=sofa', '/content', '/content/footer', `/carts/${cart.id}`, '/orders?limit=100', '/orders/v1?limit=100', '/customers/me', '/customers/me/addresses', '/customers/me/preferences'];
      const all: string[] = problems([session, confirm.body]);
      for (const p of paths) {
        const r = await api.get(p, { token });
        expect(r.status, p).toBe(200);
        all.push(...problems(r.body, p));
      }
      expect(all).toEqual([]);
      const prices = (await api.get(`/products/${product}`)).body.prices;
      expect(prices.map((m: { currencyCode: string }) => m.currencyCode)).toEqual(['AUD', 'NZD']);
    } finally {
      await api.server.close();
    }
  });
});

test('the catalogue is deterministic per seed and generated quickly', async () => {
  const t = Date.now();
  const a = await boot({ seed: 7 });
  const startMs = Date.now() - t;
  const b = await boot({ seed: 7 });
  const c = await boot();
  try {
    const pa = await a.get('/products?limit=100&sort=price:asc');
    expect((await b.get('/products?limit=100&sort=price:asc')).text).toBe(pa.text);
    expect((await c.get('/products?limit=100&sort=price:asc')).text).not.toBe(pa.text);
    expect(startMs).toBeLessThan(1000);
  } finally {
    await Promise.all([a, b, c].map((x) => x.server.close()));
  }
});
