import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractError, defaultSchemasRoot, loadContract } from './load.js';

const pack = loadContract();

/** A copy of the pack with one file edited, loaded from a temporary schemas root. */
function loadEdited(file: string, edit: (text: string) => string) {
  const root = mkdtempSync(join(tmpdir(), 'pack-'));
  cpSync(join(defaultSchemasRoot(), 'storefront-bff'), join(root, 'storefront-bff'), { recursive: true });
  const path = join(root, 'storefront-bff', file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return () => loadContract('storefront-bff', root);
}

describe('loadContract', () => {
  it('loads every operation once, cached', () => {
    expect(pack.operations).toHaveLength(41);
    expect(new Set(pack.operations.map((op) => op.operationId)).size).toBe(41);
    expect(loadContract()).toBe(pack);
  });

  it('fills complete Operation objects from the x- extensions', () => {
    const products = pack.byId('listProducts');
    expect(products).toMatchObject({ method: 'GET', path: '/products', key: 'GET /products', row: 4, auth: 'public', paged: true, writes: false, pii: false, resource: 'ProductSummary' });
    expect(products.sort.map((s) => s.name)).toEqual(['name', 'price', 'createdAt', 'popularity', 'featured']);
    expect(products.filters.find((f) => f.style === 'simple' && f.param === 'minPrice')).toMatchObject({ type: 'money', pointer: '/price', ops: ['gte'] });
    expect(products.filters.find((f) => f.style === 'structured' && f.param === 'price')?.ops).toEqual(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);
    expect(products.responses.map((r) => r.status)).toContain('200');

    expect(pack.byId('search').requiredQuery).toEqual({ query: 'sofa' });
    expect(pack.byId('getContent')).toMatchObject({ locale: true, params: { slug: { value: 'footer' } } });
    expect(pack.byId('login')).toMatchObject({ auth: 'public', hasBody: true, pii: true });
    expect(pack.byId('internalStatus').auth).toBe('service');
    expect(pack.byId('deleteCart').responses).toContainEqual({ status: '204', hasBody: false });
  });

  it('marks param sources that change state', () => {
    expect(pack.byId('getProduct').params.productId).toMatchObject({ from: 'listProducts', pointer: '/results/0/id', writes: false });
    expect(pack.byId('getCart').params.cartId).toMatchObject({ from: 'createCart', writes: true });
    expect(pack.byId('listCustomerOrdersV1').params.customerId).toMatchObject({ from: 'getMe', writes: false });
  });

  it('types the conventions of pack.yaml', () => {
    expect(pack.conventions.auth.customer).toEqual({ header: 'X-BFF-Token', scheme: 'raw' });
    expect(pack.conventions.headers.defaultApiVersion).toBe('v1.0');
    expect(pack.conventions.error.typeByStatus?.['5xx']).toBe('api_error');
    expect(pack.conventions.paging).toMatchObject({ defaultLimit: 20, minLimit: 1, maxLimit: 100 });
  });

  it('has every clause with its level', () => {
    const level = (id: string) => pack.clauses.find((c) => c.id === id)?.level;
    expect(pack.clauses).toHaveLength(66);
    expect([level('ENV-01'), level('HDR-07'), level('RL-04'), level('PAG-04')]).toEqual(['TOOL', 'SHOULD', 'SHOULD', 'MUST']);
  });

  it('byId throws on an unknown operation', () => {
    expect(() => pack.byId('nope')).toThrow(ContractError);
  });
});

describe('match', () => {
  it.each([
    ['GET', '/products', 'listProducts'],
    ['GET', '/products/p-1?limit=2', 'getProduct'],
    ['GET', '/products/p-1/variants', 'listProductVariants'],
    ['GET', '/orders/v1', 'listOrdersV1'],
    ['GET', '/orders/v2?sort=createdAt:desc', 'listOrdersV2'],
    ['GET', '/orders/ord-9', 'getOrder'],
    ['PUT', '/orders/ord-9', 'updateOrder'],
    ['GET', '/customers/me', 'getMe'],
    ['GET', '/customers/c-1/orders/v1', 'listCustomerOrdersV1'],
    ['DELETE', '/carts/c-1/line-items/l-1', 'removeLineItem'],
    ['post', '/checkout/s-1/confirm', 'confirmCheckout'],
    ['HEAD', '/products', 'listProducts'],
    ['GET', 'http://localhost:8080/content/footer?locale=en-AU', 'getContent'],
  ])('%s %s -> %s', (method, path, operationId) => {
    expect(pack.match(method, path)?.operationId).toBe(operationId);
  });

  it.each([
    ['GET', '/nope'],
    ['POST', '/products'],
    ['GET', '/orders/v1/extra'],
  ])('%s %s -> none', (method, path) => {
    expect(pack.match(method, path)).toBeUndefined();
  });
});

describe('a malformed pack', () => {
  it('names the file and key of pack.yaml', () => {
    const load = loadEdited('pack.yaml', (t) => t.replace('{ header: X-BFF-Token, scheme: raw }', '{ header: X-BFF-Token, scheme: basic }'));
    expect(load).toThrow(/pack\.yaml[\s\S]*auth\.customer\.scheme/);
  });

  it('names the operation and extension of openapi.yaml', () => {
    const load = loadEdited('openapi.yaml', (t) => t.replace('x-auth: public', 'x-auth: anonymous'));
    expect(load).toThrow(/openapi\.yaml[\s\S]*paths\.\/auth\/login\.post\.x-auth/);
  });

  it('rejects a clause citation clauses.yaml does not define', () => {
    const load = loadEdited('openapi.yaml', (t) => t.replace('x-clauses: [AUTH-06]', 'x-clauses: [AUTH-99]'));
    expect(load).toThrow(/AUTH-99/);
  });

  it('rejects a path parameter without a source', () => {
    const load = loadEdited('openapi.yaml', (t) => t.replace("categoryId: { from: listCategories, pointer: /results/0/id, query: { limit: '1' } }", 'other: { from: listCategories, pointer: /x }'));
    expect(load).toThrow(/x-params\.categoryId missing/);
  });
});

describe('the storefront-v2 pack', () => {
  const v2 = loadContract('storefront-v2');

  it('has an operation for every row 1..44 and every V2 clause', () => {
    const rows = new Set(v2.operations.map((op) => op.row));
    expect(Array.from({ length: 44 }, (_, i) => i + 1).filter((row) => !rows.has(row))).toEqual([]);
    expect(v2.clauses).toHaveLength(44);
    expect(v2.clauses.every((c) => c.id.startsWith('V2-') && c.family === c.id.replace(/-[0-9]{2}$/, ''))).toBe(true);
  });

  it('types its conventions: raw JWT in Authorization, page paging, named sorts, decimal money', () => {
    expect(v2.conventions.auth.customer).toEqual({ header: 'Authorization', scheme: 'raw' });
    expect(v2.conventions.paging).toMatchObject({ style: 'page', limitParam: 'pageSize', offsetParam: 'page', defaultLimit: 24, envelope: { results: 'items', pages: 'totalPages' } });
    expect(v2.conventions.sorting).toMatchObject({ style: 'named', invalidFieldCode: 'INVALID_SORT' });
    expect(v2.conventions.money.form).toBe('decimal');
    expect(v2.byId('listProducts').sort.find((s) => s.name === 'newest')).toEqual({ name: 'newest', type: 'timestamp', pointer: '/createdAt', direction: 'desc' });
    expect(v2.byId('createBasket').auth).toBe('guest');
  });

  it('maps only to clauses it defines', () => {
    const ids = new Set(v2.clauses.map((c) => c.id));
    expect(Object.values(v2.conventions.clauseMap ?? {}).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('the BFF pack keeps its conventions (offset paging, field sorting)', () => {
    expect(pack.conventions.paging.style).toBe('offset');
    expect(pack.conventions.sorting).toMatchObject({ style: 'field', separator: ':' });
  });
});
