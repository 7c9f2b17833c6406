import { describe, expect, it } from 'vitest';
import { loadContract } from '../contract/load.js';
import { getValidator } from './validator.js';

const pack = loadContract();
const v = getValidator(pack);

const aud = (centAmount: unknown = 1999) => ({ type: 'centPrecision', currencyCode: 'AUD', centAmount, fractionDigits: 2 });
const ts = '2024-02-10T14:20:00Z';
const product = {
  id: 'p-1', name: { 'en-AU': 'Sofa' }, slug: 'sofa', brand: 'Horizon', status: 'active', featured: false, inStock: true,
  popularity: 3.5, price: aud(), categoryIds: ['c-1'], createdAt: ts, description: { 'en-AU': 'Soft' }, version: 1, lastModifiedAt: ts,
};
const lineItem = { id: 'l-1', productId: 'p-1', variantId: null, quantity: 2, unitPrice: aud(1000), totalPrice: aud(2000) };
const cart = {
  id: 'cart-1', version: 1, customerId: 'cust-1', lineItems: [lineItem], discountCode: null,
  subtotal: aud(2000), discount: aud(0), totalPrice: aud(2000), createdAt: ts, lastModifiedAt: ts,
};
const page = (results: unknown[]) => ({ limit: 20, offset: 0, count: results.length, total: results.length, results });

/** [pointer, keyword, clause] of each issue, for compact expectations */
const brief = (shape: string, value: unknown) => v.validateShape(shape, value).map((i) => [i.pointer, i.keyword, i.clause]);

describe('shapes: good and bad values', () => {
  it.each([
    ['Money', aud(), []],
    ['Money', { type: 'centPrecision', currencyCode: 'JPY', centAmount: 500, fractionDigits: 0 }, []],
    ['Money', aud(19.99), [['/centAmount', 'type', 'FMT-01']]],
    ['Money', { ...aud(), fractionDigits: 3 }, [['/fractionDigits', 'const', 'FMT-01']]],
    ['Money', { type: 'centPrecision', currencyCode: 'JPY', centAmount: 500, fractionDigits: 2 }, [['/fractionDigits', 'const', 'FMT-01']]],
    ['Money', { currencyCode: 'AUD', centAmount: 1, fractionDigits: 2 }, [['/type', 'required', 'FMT-01']]],
    ['Money', { ...aud(), currencyCode: 'aud' }, [['/currencyCode', 'pattern', 'FMT-01']]],
    ['Timestamp', '2024-02-10T14:20:00Z', []],
    ['Timestamp', '2024-02-10T14:20:00.123Z', []],
    ['Timestamp', '2024-02-10T14:20:00+10:00', [['/', 'pattern', 'FMT-02']]],
    ['Timestamp', '2024-02-10T14:20:00', [['/', 'pattern', 'FMT-02'], ['/', 'format', 'FMT-02']]],
    ['LocalizedString', { 'en-AU': 'Sofa', 'en-NZ': 'Sofa' }, []],
    ['LocalizedString', {}, [['/', 'minProperties', 'FMT-03']]],
    ['LocalizedString', { english: 'Sofa' }, [['/', 'pattern', 'FMT-03']]],
    ['LocalizedString', { 'en-AU': 3 }, [['/en-AU', 'type', 'FMT-03']]],
    ['ErrorEnvelope', { status: 404, message: 'Not found', code: 'NOT_FOUND', type: 'not_found_error' }, []],
    ['ErrorEnvelope', { status: '404', message: 'Not found' }, [['/status', 'type', 'ERR-01']]],
    ['ErrorEnvelope', { status: 404, message: '' }, [['/message', 'minLength', 'ERR-01']]],
    ['ErrorEnvelope', { status: 404, message: 'x', code: 'not_found' }, [['/code', 'pattern', 'ERR-02']]],
    ['ErrorEnvelope', { status: 404, message: 'x', type: 'oops_error' }, [['/type', 'enum', 'ERR-03']]],
    ['ErrorEnvelope', { status: 422, message: 'x', errors: [{ field: 'quantity', message: 'low' }] }, [['/errors/0/code', 'required', 'ERR-04']]],
    // Whether `type` fits the HTTP status (ERR-03) is the error checks' job: the schema does not
    // know the status, so a 404 body with auth_error is schema-valid.
    ['ErrorEnvelope', { status: 404, message: 'x', type: 'auth_error' }, []],
    ['PagedEnvelope', page([]), []],
    ['PagedEnvelope', { limit: 20, offset: 0, count: 0, results: [] }, [['/total', 'required', 'PAG-02']]],
    ['PagedEnvelope', { ...page([]), limit: '20' }, [['/limit', 'type', 'PAG-02']]],
    ['ProductSummaryPage', { ...page([product]), results: {} }, [['/results', 'type', 'PAG-02']]],
  ])('%s %j', (shape, value, expected) => {
    expect(brief(shape, value)).toEqual(expected);
  });

  it('accepts extra fields on resources', () => {
    expect(v.validateShape('Product', { ...product, badge: 'new' })).toEqual([]);
  });
});

describe('clause of the innermost failing schema', () => {
  it('a bad centAmount inside a cart line item is FMT-01', () => {
    const bad = { ...cart, lineItems: [{ ...lineItem, unitPrice: aud(10.5) }] };
    expect(v.validateShape('Cart', bad)).toEqual([
      { pointer: '/lineItems/0/unitPrice/centAmount', keyword: 'type', message: 'must be integer', expected: 'integer', actual: 10.5, clause: 'FMT-01' },
    ]);
  });

  it('a product without slug is FMT-04, a missing cart total CART-01', () => {
    const { slug: _slug, ...noSlug } = product;
    expect(brief('Product', noSlug)).toEqual([['/slug', 'required', 'FMT-04']]);
    const { totalPrice: _total, ...noTotal } = cart;
    expect(brief('Cart', noTotal)).toEqual([['/totalPrice', 'required', 'CART-01']]);
  });

  it('a timestamp with +10:00 in a listed product is FMT-02', () => {
    const op = pack.byId('listProducts');
    const issues = v.validateResponse(op, 200, page([{ ...product, createdAt: '2024-02-10T14:20:00+10:00' }]));
    expect(issues?.map((i) => [i.pointer, i.keyword, i.clause, i.actual])).toEqual([
      ['/results/0/createdAt', 'pattern', 'FMT-02', '2024-02-10T14:20:00+10:00'],
    ]);
  });

  it('collapses oneOf branches to one issue per pointer and keyword', () => {
    const bad = { id: 'c', slug: 's', name: { 'en-AU': 'S' }, parentId: 7, position: 1 };
    expect(v.validateShape('Category', bad)).toEqual([
      expect.objectContaining({ pointer: '/parentId', keyword: 'type', expected: ['string', 'null'], actual: 7, clause: 'FMT-04' }),
    ]);
  });
});

describe('validateResponse', () => {
  it('validates the documented body of a status', () => {
    expect(v.validateResponse(pack.byId('getCart'), 200, cart)).toEqual([]);
    expect(v.validateResponse(pack.byId('getProduct'), 200, product)).toEqual([]);
  });

  it('uses the error envelope for documented error statuses and falls back to nXX', () => {
    const op = pack.byId('getProduct');
    expect(v.validateResponse(op, 404, { status: 404, message: 'Not found' })).toEqual([]);
    expect(v.validateResponse(op, 503, { status: 503 })?.map((i) => [i.pointer, i.clause])).toEqual([['/message', 'ERR-01']]);
  });

  it('gives undefined where no schema is documented', () => {
    expect(v.validateResponse(pack.byId('getProduct'), 418, {})).toBeUndefined();
    expect(v.validateResponse(pack.byId('deleteCart'), 204, undefined)).toBeUndefined();
  });

  it('readiness may answer 503 with the health document', () => {
    expect(v.validateResponse(pack.byId('healthReady'), 503, { status: 'DOWN', checks: [] })).toEqual([]);
  });

  it('caches: one validator per pack', () => {
    expect(getValidator(pack)).toBe(v);
  });

  it('throws on an unknown shape name', () => {
    expect(() => v.validateShape('Nope', {})).toThrow(/no schema named Nope/);
  });
});
