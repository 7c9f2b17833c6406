// Each free choice of CONTRACT-v2 section 3 (a --mode of the v2 server): its other value changes
// exactly that behaviour; plus rate limits and the validation of startV2Server's options.
import { expect, test } from 'vitest';
import { startV2Server } from '../../src/server/v2/index.js';
import type { V2StartOptions } from '../../src/server/v2/types.js';
import { basketWith, bootV2, orderWith, ref, type V2Api } from './helpers.js';

async function withServer(opts: V2StartOptions, body: (api: V2Api, t: string) => Promise<void>): Promise<void> {
  const api = await bootV2(opts);
  try {
    await body(api, await api.login());
  } finally {
    await api.server.close();
  }
}

test('bearerPrefix: accept (default) or reject "Bearer <jwt>"; the raw token works in both', async () => {
  for (const [bearerPrefix, status] of [['accept', 200], ['reject', 401]] as const) {
    await withServer({ modes: { bearerPrefix } }, async (api, t) => {
      expect((await api.get('/customers/me', { token: `Bearer ${t}` })).status).toBe(status);
      expect((await api.get('/customers/me', { token: t })).status).toBe(200);
    });
  }
});

test('outOfRange=clamp: the applied value is echoed, never more than 100 items', async () => {
  await withServer({ modes: { outOfRange: 'clamp' } }, async (api) => {
    const size = async (q: string) => {
      const b = (await api.get(`/catalog/products?${q}`)).body;
      return [b.page, b.pageSize, b.items.length];
    };
    expect(await size('pageSize=500')).toEqual([1, 100, 100]);
    expect(await size('pageSize=0')).toEqual([1, 1, 1]);
    expect(await size('pageSize=abc&page=0')).toEqual([1, 24, 24]);
  });
});

test('foreignResource=404, unknownProduct=422, emptyBasketOrder=422', async () => {
  await withServer({ modes: { foreignResource: 404, unknownProduct: 422, emptyBasketOrder: 422 } }, async (api, t) => {
    const { order } = await orderWith(api, t);
    expect((await api.get(`/orders/${order.id}`, { token: await api.login(1) })).status).toBe(404);
    const b = (await api.req('POST', '/baskets')).body;
    const unknown = await api.req('POST', `/baskets/${b.id}/items`, { body: { productId: 'nope', quantity: 1 } });
    expect([unknown.status, unknown.body.details[0].field]).toEqual([422, 'productId']);
    const store = await api.req('POST', '/purchases', { token: t, body: { storeId: 'nope', catalogItemId: 'prod-0001', quantity: 1, clientReference: ref() } });
    expect([store.status, store.body.details[0].field]).toEqual([422, 'storeId']);
    const empty = (await api.req('POST', '/baskets', { token: t })).body;
    const addressId = (await api.get('/customers/me/addresses', { token: t })).body.items[0].id;
    const r = await api.req('POST', '/orders', { token: t, body: { basketId: empty.id, addressId, clientReference: ref() } });
    expect([r.status, r.body.errorCode]).toEqual([422, 'BASKET_EMPTY']);
  });
});

test('idempotentRepeat=200: the repeat answers 200 with the same resource', async () => {
  await withServer({ modes: { idempotentRepeat: 200 } }, async (api, t) => {
    const body = { storeId: 'store-london', catalogItemId: 'prod-0001', quantity: 1, clientReference: ref() };
    const a = await api.req('POST', '/purchases', { token: t, body });
    const b = await api.req('POST', '/purchases', { token: t, body });
    expect([a.status, b.status, b.body.id]).toEqual([201, 200, a.body.id]);
  });
});

test('deleteLine=204 and repeatDeleteLine=204; lineMerge=separate', async () => {
  await withServer({ modes: { deleteLine: 204, repeatDeleteLine: 204, lineMerge: 'separate' } }, async (api) => {
    const b = await basketWith(api);
    const two = (await api.req('POST', `/baskets/${b.id}/items`, { body: { productId: 'prod-0001', quantity: 2 } })).body;
    expect(two.lines).toHaveLength(2);
    const path = `/baskets/${b.id}/items/${two.lines[0].id}`;
    expect([(await api.req('DELETE', path)).status, (await api.req('DELETE', path)).status]).toEqual([204, 204]);
    expect((await api.get(`/baskets/${b.id}`)).body.lines).toHaveLength(1);
  });
});

test('shipping=free: shippingTotal 0 and the arithmetic holds', async () => {
  await withServer({ modes: { shipping: 'free' } }, async (api) => {
    const b = await basketWith(api);
    expect([b.shippingTotal, b.total]).toEqual([0, b.subtotal]);
  });
});

test('translations=missing: the same text in every language, Content-Language still negotiated', async () => {
  await withServer({ modes: { translations: 'missing' } }, async (api) => {
    const r = await api.get('/catalog/categories/cat-01', { region: 'DE' });
    expect([r.body.name, r.headers.get('content-language')]).toEqual(['Living Room', 'de-DE']);
  });
});

test('rate limits: 429 RATE_LIMITED with Retry-After (seconds) or without (retryAfter=none)', async () => {
  for (const retryAfter of ['seconds', 'none'] as const) {
    await withServer({ modes: { retryAfter }, rateLimits: { windowMs: 60_000, search: 2 } }, async (api) => {
      const codes: number[] = [];
      let last;
      for (let i = 0; i < 3; i++) codes.push((last = await api.get('/content/search-preview?q=sofa')).status);
      expect(codes).toEqual([200, 200, 429]);
      expect(last!.body.errorCode).toBe('RATE_LIMITED');
      expect(last!.headers.get('retry-after')).toEqual(retryAfter === 'seconds' ? expect.stringMatching(/^\d+$/) : null);
    });
  }
});

test('relevance=rating: the default product order is by rating', async () => {
  await withServer({ modes: { relevance: 'rating' } }, async (api) => {
    const ratings = (await api.get('/catalog/products?pageSize=100')).body.items.map((p: { rating: number }) => p.rating);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
  });
});

test('precedence: no token and a non-JSON body gives 401 (auth-first) or 415 (body-first)', async () => {
  for (const [precedence, status] of [['auth-first', 401], ['body-first', 415]] as const) {
    await withServer({ modes: { precedence } }, async (api) => {
      expect((await api.req('POST', '/orders', { raw: 'hello', headers: { 'content-type': 'text/plain' } })).status).toBe(status);
    });
  }
});

test('emptyBody: read as {} (422 REQUIRED) or rejected (400 MALFORMED_JSON)', async () => {
  for (const [emptyBody, status] of [['object', 422], ['reject', 400]] as const) {
    await withServer({ modes: { emptyBody } }, async (api) => {
      expect((await api.req('POST', '/customers/login', { raw: '', headers: { 'content-type': 'application/json' } })).status).toBe(status);
    });
  }
});

test("paymentMethods: the region's methods only (default) or any method", async () => {
  for (const [paymentMethods, status] of [['region', 422], ['any', 201]] as const) {
    await withServer({ modes: { paymentMethods } }, async (api, t) => {
      const { order } = await orderWith(api, t);
      const r = await api.req('POST', '/payments', { token: t, body: { orderId: order.id, methodId: 'pm-konbini', clientReference: ref() } });
      expect(r.status).toBe(status);
    });
  }
});

test('cacheControl=etag: no-cache with an ETag on anonymous answers', async () => {
  await withServer({ modes: { cacheControl: 'etag' } }, async (api) => {
    const r = await api.get('/catalog/categories');
    expect([r.headers.get('cache-control'), r.headers.get('etag')]).toEqual(['no-cache', expect.stringMatching(/^".+"$/)]);
  });
});

test('productCount=5: one page of products', async () => {
  await withServer({ modes: { productCount: 5 } }, async (api) => {
    expect((await api.get('/catalog/products')).body).toMatchObject({ totalItems: 5, totalPages: 1 });
  });
});

test('bad options are one-line errors', async () => {
  await expect(startV2Server({ modes: { nope: 1 } as never })).rejects.toThrow(/unknown v2 mode 'nope'/);
  await expect(startV2Server({ modes: { shipping: 'cheap' } as never })).rejects.toThrow(/invalid mode shipping=cheap; valid values: flat, free/);
  await expect(startV2Server({ faults: ['v2-pag-nope'] })).rejects.toThrow(/unknown v2 fault 'v2-pag-nope' \(v2-pag faults include/);
  await expect(startV2Server({ otpCode: 'abc' })).rejects.toThrow(/invalid otpCode/);
});
