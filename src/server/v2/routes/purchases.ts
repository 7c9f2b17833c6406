// Rows 42-43: purchases from a store's digital catalogue (the catalogue's products), priced in the
// request's region (amount = price × quantity), idempotent by clientReference; the paged history.

import type { FieldError } from '../../errors.js';
import { clientReferenceOf, int, me, str, type V2RouteDef } from '../context.js';
import { fieldError, notFoundV2, validationFailed } from '../errors.js';
import { nowIso } from '../formats.js';
import { remember, replayedId, type IdempotencyKey } from '../idempotency.js';
import { pageOf } from '../paging.js';
import type { PurchaseRec } from '../records.js';
import { byThenId, compareIso, sortKeyOf } from '../sorting.js';
import { purchase as purchaseView } from '../views.js';

export const purchaseRoutes: V2RouteDef[] = [
  {
    id: 'createPurchase',
    method: 'POST',
    url: '/purchases',
    auth: 'customer',
    body: true,
    handler: (ctx) => {
      const c = me(ctx);
      const { body, s, locale } = ctx;
      const errors: FieldError[] = [];
      const storeId = str(body, 'storeId', errors);
      const catalogItemId = str(body, 'catalogItemId', errors);
      const quantity = int(body, 'quantity', 1, 99, errors);
      const clientReference = clientReferenceOf(body, errors);
      if (errors.length) throw validationFailed(errors);
      const key: IdempotencyKey = { kind: 'purchase', scope: c.id, clientReference: clientReference!, body };
      const again = replayedId(s, key, s.faults.has('v2-idm-conflict-ignored-purchases'));
      if (again) return { status: s.modes.idempotentRepeat, body: purchaseView(s, s.purchases.get(again)!) };
      const unknown = (field: string, what: string) =>
        s.modes.unknownProduct === 422 ? validationFailed([fieldError(field, 'INVALID_VALUE', `no such ${what.toLowerCase()}`)]) : notFoundV2(what);
      if (!s.data.stores.some((st) => st.id === storeId)) throw unknown('storeId', 'Store');
      const product = s.products.get(catalogItemId!);
      if (!product) throw unknown('catalogItemId', 'CatalogItem');
      const p: PurchaseRec = {
        id: s.ids.next('pur'), customerId: c.id, storeId: storeId!, catalogItemId: product.id, quantity: quantity!,
        amount: product.price[locale.region.code] * quantity!, currency: locale.region.currency, clientReference: clientReference!, status: 'COMPLETED', createdAt: nowIso(),
      };
      s.purchases.set(p.id, p);
      remember(s, key, p.id);
      return { status: 201, body: purchaseView(s, p) };
    },
  },
  {
    id: 'listPurchases',
    method: 'GET',
    url: '/purchases',
    auth: 'customer',
    handler: (ctx) => {
      const c = me(ctx);
      sortKeyOf(ctx.q, ['newest'], ctx.s.faults);
      const mine = [...ctx.s.purchases.values()].filter((p) => p.customerId === c.id).sort(byThenId((a, b) => compareIso(b.createdAt, a.createdAt)));
      return { body: pageOf(mine, ctx.q, ctx.s, 'other', (p) => purchaseView(ctx.s, p)) };
    },
  },
];
