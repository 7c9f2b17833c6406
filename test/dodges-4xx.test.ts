// Every documented 4xx provoked (issue 9, item 4): the documented-4xx battery
// (src/checks/documented-errors.ts) and HDR-02 on valid bodies of the run's own resources. The
// clean reference server passes every new check (none skipped), in each free choice that bears on
// them; each fault "a 4xx other than the documented one" fails the named check citing ERR-04.

import { describe, expect, test } from 'vitest';
import type { FaultId } from '../src/server/faults.js';
import type { StartOptions } from '../src/server/types.js';
import { ids, inProcessRunner, show } from './in-process.js';

const run = inProcessRunner('dodges-4xx');
const runV2 = inProcessRunner('dodges-4xx-v2', { pack: 'storefront-v2' });



/** the checks of the documented-4xx battery (they must run and pass on the clean server) */
const BATTERY = [
  'ERR-04:PUT /carts/{cartId}:unknown-discount-code',
  'ERR-04:POST /carts/{cartId}/line-items:quantity-below-one',
  'ERR-04:POST /carts/{cartId}/line-items:unknown-product',
  'ERR-04:PUT /carts/{cartId}/line-items/{lineItemId}:quantity-below-one',
  'ERR-04:POST /checkout:empty-cart',
  'ERR-04:POST /checkout:unknown-cart',
  'ERR-04:POST /checkout:unknown-address',
  'ERR-04:PUT /orders/{orderId}:status-not-cancelled',
  'ERR-04:PUT /customers/me:empty-first-name',
  'ERR-04:POST /customers/me/addresses:au-postcode-format',
];

describe('documented 4xx: the clean server passes every new check', () => {
  test('clean: the battery and HDR-02 pass, none skipped', async () => {
    const r = await run(['ERR-04', 'HDR-02']);
    expect(ids(r, 'failed').concat(ids(r, 'warned'), ids(r, 'errored'), ids(r, 'skipped')), show(r)).toEqual([]);
    for (const id of BATTERY) expect(r.checks.find((c) => c.id === id)?.status, id).toBe('passed');
    // HDR-02 sends a valid body on every body endpoint: of the run's own resources where one is needed
    const hdr = r.checks.filter((c) => c.clause === 'HDR-02');
    expect(hdr.length).toBe(11);
    for (const c of hdr) expect(c.message, c.id).not.toMatch(/could not be made valid/);
    const own = hdr.filter((c) => /valid body of the run's own resources/.test(c.message)).map((c) => c.endpoint).sort();
    expect(own).toEqual(['POST /auth/login', 'POST /carts/{cartId}/line-items', 'POST /checkout', 'POST /customers/me/addresses', 'PUT /carts/{cartId}/line-items/{lineItemId}', 'PUT /customers/me/addresses/{addressId}', 'PUT /orders/{orderId}']);
  }, 120_000);

  /** section 4's free choices that bear on these answers: each must still pass, none skipped */
  const modes: Array<[string, NonNullable<StartOptions['modes']>]> = [
    ['unknownProduct 422', { unknownProduct: 422 }],
    ['emptyCartCheckout 422', { emptyCartCheckout: 422 }],
    ['foreignResource 404', { foreignResource: 404 }],
    ['idFormat uuid', { idFormat: 'uuid' }],
    ['errorType omit', { errorType: 'omit' }],
    ['lineItemMerge separate', { lineItemMerge: 'separate' }],
    ['cartAfterConfirm delete', { cartAfterConfirm: 'delete' }],
    ['missingApiVersion reject', { missingApiVersion: 'reject' }],
    ['bodyOnBodyless validate', { bodyOnBodyless: 'validate' }],
    ['small catalogue (3 products)', { productCount: 3 }],
  ];
  test.each(modes)('mode %s: the battery and HDR-02 pass, none skipped', async (_name, modes) => {
    const r = await run(['ERR-04', 'HDR-02'], { modes });
    expect(ids(r, 'failed').concat(ids(r, 'warned'), ids(r, 'errored'), ids(r, 'skipped')), show(r)).toEqual([]);
    for (const id of BATTERY) expect(r.checks.find((c) => c.id === id)?.status, id).toBe('passed');
  }, 120_000);
});

/** fault, the check ids that must fail (each citing ERR-04); every other battery check must still pass */
const cases: Array<[FaultId, string[]]> = [
  ['err-400-where-422-first-name', ['ERR-04:PUT /customers/me:empty-first-name']],
  ['err-unknown-discount-wrong-field', ['ERR-04:PUT /carts/{cartId}:unknown-discount-code']],
  ['err-cancel-other-status-400', ['ERR-04:PUT /orders/{orderId}:status-not-cancelled']],
  ['err-line-item-quantity-400', ['ERR-04:PUT /carts/{cartId}/line-items/{lineItemId}:quantity-below-one']],
  // the faults of ERR-04 that the write battery already caught are caught by the rows' own checks too
  ['err-422-no-field-postcode', ['ERR-04:POST /customers/me/addresses:au-postcode-format']],
  ['err-422-empty-errors-quantity', ['ERR-04:POST /carts/{cartId}/line-items:quantity-below-one', 'ERR-04:PUT /carts/{cartId}/line-items/{lineItemId}:quantity-below-one']],
];

describe('documented 4xx: a 4xx other than the documented one fails the named check', () => {
  test.each(cases)('fault %s', async (fault, mustFail) => {
    const r = await run(['ERR-04'], { faults: [fault] });
    const failed = r.checks.filter((c) => c.status === 'failed');
    for (const id of mustFail) {
      const c = failed.find((x) => x.id === id);
      expect(c, `${id} did not fail:\n${show(r)}`).toBeDefined();
      expect(c!.clause).toBe('ERR-04');
      expect(c!.message).toMatch(/\(.*ERR-04\)/);
    }
    for (const id of BATTERY.filter((x) => !mustFail.includes(x))) expect(r.checks.find((c) => c.id === id)?.status, `${id}:\n${show(r)}`).toBe('passed');
  }, 120_000);
});

/** the v2 table (src/checks/documented-errors-v2.ts), judged under V2-ERR-03 */
const BATTERY_V2 = [
  'V2-ERR-03:POST /customers/me/addresses:gb-postcode-format',
  'V2-ERR-03:PUT /customers/me/favorites/{productId}:unknown-product',
  'V2-ERR-03:POST /orders:empty-basket',
  'V2-ERR-03:POST /purchases:unknown-store',
  'V2-ERR-03:POST /purchases:unknown-item',
];

describe('documented 4xx of the v2 pack', () => {
  const v2Modes: Array<[string, Record<string, unknown>]> = [['clean', {}], ['unknownProduct 422', { unknownProduct: 422 }], ['emptyBasketOrder 422', { emptyBasketOrder: 422 }]];
  test.each(v2Modes)('%s: every v2 case and HDR-02 passes, none skipped', async (_name, modes) => {
    const r = await runV2(['V2-ERR-03', 'V2-HDR-01'], { modes } as StartOptions);
    for (const id of BATTERY_V2) expect(r.checks.find((c) => c.id === id)?.status, `${id}:\n${show(r)}`).toBe('passed');
    expect(ids(r, 'failed').concat(ids(r, 'warned'), ids(r, 'errored')), show(r)).toEqual([]);
    // HDR-02 (V2-HDR-01 in this pack) on every body endpoint with a valid body, none skipped
    const hdr = r.checks.filter((c) => c.id.includes(':non-json-body-415'));
    expect(hdr.length).toBe(16);
    for (const c of hdr) expect(`${c.status} ${c.message}`, c.id).toMatch(/^passed .*(valid body of the run's own resources|schema-valid body)/);
  }, 120_000);

  test('fault v2-err-empty-basket-order-400 fails the empty-basket check', async () => {
    const r = await runV2(['V2-ERR-03'], { faults: ['v2-err-empty-basket-order-400'] } as StartOptions);
    const c = r.checks.find((x) => x.id === 'V2-ERR-03:POST /orders:empty-basket');
    expect(c?.status, show(r)).toBe('failed');
    expect(c!.message).toMatch(/answered 400 .*row 31 documents 409 or 422/);
  }, 120_000);
});
