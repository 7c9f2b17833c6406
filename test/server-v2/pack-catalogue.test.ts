// The v2 server against the catalogue of the storefront-v2 pack (x-paged, x-sort, x-filters, x-auth):
// every named order sorts by its pointer and direction, an unlisted key is 400 INVALID_SORT, every
// simple filter restricts its pointer, customer operations answer 401 without a token.
import { describe, expect, test } from 'vitest';
import { loadContract } from '../../src/contract/load.js';
import { useV2Server, type V2Api } from './helpers.js';

const pack = loadContract('storefront-v2');
let api: V2Api;
let t: string;
useV2Server((a, token) => {
  api = a;
  t = token;
});

const concrete = (path: string) => path.replace('{productId}', 'prod-0001');
const at = (item: unknown, pointer: string): unknown => pointer.split('/').slice(1).reduce((o: unknown, k) => (o as Record<string, unknown>)?.[k], item);
const paged = pack.operations.filter((op) => op.paged && op.method === 'GET');
const tokenFor = (auth: string) => (auth === 'customer' ? t : undefined);

describe.each(paged.map((op) => [op.key, op] as const))('%s', (_key, op) => {
  test('named orders sort by their pointer and direction; an unlisted key is 400 INVALID_SORT', async () => {
    for (const s of op.sort) {
      const items = (await api.get(`${concrete(op.path)}?sort=${s.name}&pageSize=100`, { token: tokenFor(op.auth) })).body.items;
      const values = items.map((i: unknown) => at(i, s.pointer));
      const cmp = s.type === 'string' ? new Intl.Collator('en-GB', { sensitivity: 'base' }).compare : (a: never, b: never) => (a < b ? -1 : a > b ? 1 : 0);
      const sorted = [...values].sort(cmp);
      expect(values, s.name).toEqual(s.direction === 'desc' ? sorted.reverse() : sorted);
    }
    const r = await api.get(`${concrete(op.path)}?sort=no_such_order`, { token: tokenFor(op.auth) });
    expect([r.status, r.body.errorCode]).toEqual([400, 'INVALID_SORT']);
  });
  test('simple filters restrict their pointer', async () => {
    const first = (await api.get(`${concrete(op.path)}?pageSize=100`, { token: tokenFor(op.auth) })).body.items[0];
    for (const f of op.filters.filter((x) => x.style === 'simple')) {
      const value = f.type === 'enum' ? f.values![0] : at(first, f.pointer);
      const items = (await api.get(`${concrete(op.path)}?${f.param}=${encodeURIComponent(String(value))}&pageSize=100`, { token: tokenFor(op.auth) })).body.items;
      const op0 = f.ops[0];
      for (const i of items) {
        const v = at(i, f.pointer) as number;
        if (op0 === 'gte') expect(v >= (value as number), f.param).toBe(true);
        else if (op0 === 'lte') expect(v <= (value as number), f.param).toBe(true);
        else expect(String(v), f.param).toBe(String(value));
      }
    }
  });
});

test('the pack catalogue is the one these tests walk', () => {
  expect(paged.length).toBeGreaterThanOrEqual(10);
  expect(paged.filter((op) => op.sort.length).length).toBeGreaterThanOrEqual(8);
  expect(pack.operations.filter((op) => op.auth === 'customer').length).toBeGreaterThanOrEqual(25);
  expect(pack.operations.filter((op) => op.auth === 'public').length).toBeGreaterThanOrEqual(15);
});

test('every customer operation of the pack answers 401 without a token; anonymous ones never do', async () => {
  for (const op of pack.operations) {
    const path = op.path.replace(/\{[^}]+\}/g, 'x-1');
    const r = await api.req(op.method, path, op.hasBody ? { body: {} } : {});
    if (op.auth === 'customer') expect(r.status, op.key).toBe(401);
    if (op.auth === 'public') expect(r.status, op.key).not.toBe(401);
  }
});
