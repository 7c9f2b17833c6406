// CART-01/02: line, subtotal, discount and total arithmetic in one currency; the order total is
// the confirmed cart's total. Cart free choices (merge, delete line item, after confirm, empty
// checkout, unknown product).
import { expect, test } from 'vitest';
import { boot, useSignedInServer, type Api } from './helpers.js';

let api: Api;
let token: string;
useSignedInServer((a, t) => {
  api = a;
  token = t;
});

type M = { currencyCode: string; centAmount: number; fractionDigits: number; type: string };
type Cart = { id: string; lineItems: Array<{ quantity: number; unitPrice: M; totalPrice: M }>; subtotal: M; discount: M; totalPrice: M };

function checkArithmetic(c: Cart) {
  const currencies = new Set<string>([c.subtotal.currencyCode, c.discount.currencyCode, c.totalPrice.currencyCode]);
  let sum = 0;
  for (const li of c.lineItems) {
    expect(li.totalPrice.centAmount).toBe(li.unitPrice.centAmount * li.quantity);
    sum += li.totalPrice.centAmount;
    currencies.add(li.unitPrice.currencyCode).add(li.totalPrice.currencyCode);
  }
  expect(c.subtotal.centAmount).toBe(sum);
  expect(c.totalPrice.centAmount).toBe(c.subtotal.centAmount - c.discount.centAmount);
  expect(currencies.size).toBe(1);
}

test('CART-01 through the lifecycle, AUD and NZD', async () => {
  for (const currencyCode of ['AUD', 'NZD']) {
    let cart: Cart = (await api.req('POST', '/carts', { token, body: { currencyCode } })).body;
    checkArithmetic(cart);
    cart = (await api.req('POST', `/carts/${cart.id}/line-items`, { token, body: { productId: 'prod-0005', quantity: 3 } })).body;
    cart = (await api.req('POST', `/carts/${cart.id}/line-items`, { token, body: { productId: 'prod-0006', quantity: 1 } })).body;
    checkArithmetic(cart);
    for (const code of ['WELCOME10', 'SAVE20', 'TENOFF']) {
      cart = (await api.req('PUT', `/carts/${cart.id}`, { token, body: { discountCode: code } })).body;
      expect(cart.discount.centAmount).toBeGreaterThan(0);
      checkArithmetic(cart);
    }
    expect(cart.totalPrice.currencyCode).toBe(currencyCode);
    expect(cart.totalPrice.fractionDigits).toBe(2);
  }
  expect((await api.req('POST', '/carts', { token, body: { currencyCode: 'XYZ' } })).status).toBe(422);
});

test('CART-02: the order total equals the confirmed cart total', async () => {
  let cart: Cart = (await api.req('POST', '/carts', { token })).body;
  cart = (await api.req('POST', `/carts/${cart.id}/line-items`, { token, body: { productId: 'prod-0007', quantity: 2 } })).body;
  cart = (await api.req('PUT', `/carts/${cart.id}`, { token, body: { discountCode: 'WELCOME10' } })).body;
  const addr = (await api.get('/customers/me/addresses', { token })).body.results[0].id;
  const session = (await api.req('POST', '/checkout', { token, body: { cartId: cart.id, shippingAddressId: addr } })).body;
  expect(session.totalPrice).toEqual(cart.totalPrice);
  const confirm = (await api.req('POST', `/checkout/${session.id}/confirm`, { token })).body;
  expect(confirm.order.totalAmount).toEqual(cart.totalPrice);
  expect((await api.get(`/orders/${confirm.orderId}`, { token })).body.totalAmount).toEqual(cart.totalPrice);
  expect((await api.get(`/carts/${cart.id}`, { token })).status).toBe(200); // cartAfterConfirm=keep
});

test('line items: merge by default, variant prices, validation', async () => {
  const cart = (await api.req('POST', '/carts', { token })).body;
  await api.req('POST', `/carts/${cart.id}/line-items`, { token, body: { productId: 'prod-0008', quantity: 1 } });
  const merged = (await api.req('POST', `/carts/${cart.id}/line-items`, { token, body: { productId: 'prod-0008', quantity: 2 } })).body;
  expect(merged.lineItems).toHaveLength(1);
  expect(merged.lineItems[0].quantity).toBe(3);
  const variants = (await api.get('/products/prod-0008/variants')).body.results;
  const withVariant = (await api.req('POST', `/carts/${cart.id}/line-items`, { token, body: { productId: 'prod-0008', variantId: variants[0].id, quantity: 1 } })).body;
  expect(withVariant.lineItems[1]).toMatchObject({ variantId: variants[0].id, unitPrice: variants[0].price });
  expect((await api.req('POST', `/carts/${cart.id}/line-items`, { token, body: { productId: 'nope', quantity: 1 } })).status).toBe(404);
  expect((await api.req('POST', `/carts/${cart.id}/line-items`, { token, body: { productId: 'prod-0008', variantId: 'nope', quantity: 1 } })).status).toBe(422);
  expect((await api.req('POST', `/carts/${cart.id}/line-items`, { token, body: { productId: 'prod-0008', quantity: 1.5 } })).status).toBe(422);
  const missing = await api.req('POST', `/carts/${cart.id}/line-items`, { token, body: {} });
  expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['productId', 'quantity']);
});

test('checkout validation: empty cart 409, unknown ids 422', async () => {
  const cart = (await api.req('POST', '/carts', { token })).body;
  const addr = (await api.get('/customers/me/addresses', { token })).body.results[0].id;
  expect((await api.req('POST', '/checkout', { token, body: { cartId: cart.id, shippingAddressId: addr } })).status).toBe(409);
  expect((await api.req('POST', '/checkout', { token, body: { cartId: 'nope', shippingAddressId: addr } })).status).toBe(422);
  expect((await api.req('POST', '/checkout', { token, body: {} })).body.errors).toHaveLength(2);
});

test('cart modes: separate, 204 delete, delete after confirm, 422 empty checkout and unknown product', async () => {
  const m = await boot({ modes: { lineItemMerge: 'separate', deleteLineItem: 204, cartAfterConfirm: 'delete', emptyCartCheckout: 422, unknownProduct: 422 } });
  try {
    const t = await m.login();
    const cart = (await m.req('POST', '/carts', { token: t })).body;
    const addr = (await m.get('/customers/me/addresses', { token: t })).body.results[0].id;
    expect((await m.req('POST', '/checkout', { token: t, body: { cartId: cart.id, shippingAddressId: addr } })).status).toBe(422);
    const unknown = await m.req('POST', `/carts/${cart.id}/line-items`, { token: t, body: { productId: 'nope', quantity: 1 } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].field).toBe('productId');
    await m.req('POST', `/carts/${cart.id}/line-items`, { token: t, body: { productId: 'prod-0001', quantity: 1 } });
    const two = (await m.req('POST', `/carts/${cart.id}/line-items`, { token: t, body: { productId: 'prod-0001', quantity: 1 } })).body;
    expect(two.lineItems).toHaveLength(2);
    checkArithmetic(two);
    const del = await m.req('DELETE', `/carts/${cart.id}/line-items/${two.lineItems[1].id}`, { token: t });
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    const session = (await m.req('POST', '/checkout', { token: t, body: { cartId: cart.id, shippingAddressId: addr } })).body;
    const c1 = await m.req('POST', `/checkout/${session.id}/confirm`, { token: t });
    expect(c1.status).toBe(200);
    expect((await m.get(`/carts/${cart.id}`, { token: t })).status).toBe(404);
    expect((await m.req('POST', `/checkout/${session.id}/confirm`, { token: t })).body.orderId).toBe(c1.body.orderId);
  } finally {
    await m.server.close();
  }
});
