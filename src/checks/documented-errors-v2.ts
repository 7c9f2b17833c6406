// The documented 4xx answers of the Storefront API v2 (CONTRACT-v2.md section 4, its operations
// and bodies: this table belongs to storefront-v2; the BFF's is in documented-errors.ts) that no
// other v2 check judges to the letter: row 18's postcode code, row 21's unknown favourite, row 31's
// empty basket, row 42's unknown store and item. Each an otherwise valid request of the run's own
// with one fault; judged by the same rule (status as written, envelope code, details naming the field).

import { call, idAt } from './flows.js';
import { documentedChecks, undoAddress, unknownProductId, type DocumentedError } from './documented-errors.js';
import { mutateId } from './errors.js';
import { addressBody, buyableIn, clientRef, newAddressOf, purchaseBody, referenceField } from './order-flows.js';
import type { CheckContext } from './types.js';

/** A store id shaped like the first of GET /config that names no store. */
async function unknownStoreId(ctx: CheckContext, real: string): Promise<string> {
  const config = await call(ctx, 'getConfig');
  const stores = (config.response?.json as { stores?: Array<{ id?: unknown }> } | undefined)?.stores ?? [];
  for (let salt = 1; salt <= 5; salt++) {
    const id = mutateId(real, salt);
    if (!stores.some((s) => s.id === id)) return id;
  }
  return ctx.skip(`no id shaped like ${real} that names no store was found in 5 tries`);
}

const realProductId = async (ctx: CheckContext) => String((await buyableIn(ctx, undefined, 1))[0]!.id);

const V2: DocumentedError[] = [
  {
    slug: 'gb-postcode-format', row: 'row 18', endpoint: 'POST /customers/me/addresses', fault: 'a GB postalCode that is not a UK postcode',
    status: [422], codes: ['VALIDATION_FAILED'], entry: { field: 'postalCode', code: 'INVALID_FORMAT' },
    provoke: async (ctx) => [undoAddress(ctx, await call(ctx, 'createAddress', { json: { ...addressBody('postcode'), country: 'GB', postalCode: 'NOT A POSTCODE' } }))],
  },
  {
    slug: 'unknown-product', row: 'row 21', endpoint: 'PUT /customers/me/favorites/{productId}', fault: 'an unknown productId',
    status: [404, 422], entry: { field: 'productId' },
    provoke: async (ctx) => [await call(ctx, 'addFavorite', { params: { productId: await unknownProductId(ctx, await realProductId(ctx)) } })],
  },
  {
    slug: 'empty-basket', row: 'row 31', endpoint: 'POST /orders', fault: 'an empty basket',
    status: [409, 422], codes: ['BASKET_EMPTY', 'VALIDATION_FAILED'], bare: ['BASKET_EMPTY'], entry: { field: 'basketId' },
    provoke: async (ctx) => {
      const basketId = idAt(ctx, await call(ctx, 'createBasket', { auth: 'customer' }));
      const json = { basketId, addressId: await newAddressOf(ctx), [referenceField(ctx).field]: clientRef() };
      return [await call(ctx, 'createOrder', { json })];
    },
  },
  {
    slug: 'unknown-store', row: 'row 42', endpoint: 'POST /purchases', fault: 'an unknown storeId',
    status: [404, 422], entry: { field: 'storeId' },
    provoke: async (ctx) => {
      const body = await purchaseBody(ctx);
      return [await call(ctx, 'createPurchase', { json: { ...body, storeId: await unknownStoreId(ctx, String(body.storeId)) } })];
    },
  },
  {
    slug: 'unknown-item', row: 'row 42', endpoint: 'POST /purchases', fault: 'an unknown catalogItemId',
    status: [404, 422], entry: { field: 'catalogItemId' },
    provoke: async (ctx) => {
      const body = await purchaseBody(ctx);
      return [await call(ctx, 'createPurchase', { json: { ...body, catalogItemId: await unknownProductId(ctx, String(body.catalogItemId)) } })];
    },
  },
];

export const documentedErrorChecksV2 = documentedChecks('storefront-v2', V2);
