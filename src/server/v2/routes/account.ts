// Rows 18-25: addresses (paged, CRUD), favourites (idempotent PUT/DELETE), notifications (paged,
// filter read), discount codes (expired ones hidden) and store tickets. Customer only; another
// customer's resource is 403/404 (V2-AUTH-06).

import { ApiError, type FieldError } from '../../errors.js';
import { first } from '../../querystring.js';
import { addressInput } from '../address-input.js';
import { assertOwner, me, type V2Ctx, type V2RouteDef } from '../context.js';
import { fieldError, notFoundV2, validationFailed } from '../errors.js';
import { toDecimal } from '../formats.js';
import { pageOf } from '../paging.js';
import type { AddressRec, NotificationRec, ProductRec, TicketRec } from '../records.js';
import { byThenId, compareIso, sortKeyOf } from '../sorting.js';
import { address, productSummary } from '../views.js';

function addressOf(ctx: V2Ctx): AddressRec {
  const a = ctx.s.addresses.get(ctx.params.addressId);
  if (!a) throw notFoundV2('Address');
  assertOwner(ctx, a.customerId, 'Address');
  return a;
}

function isDefaultOf(body: Record<string, unknown>, errors: FieldError[]): boolean | undefined {
  const v = body.isDefault;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') errors.push(fieldError('isDefault', 'INVALID_VALUE', 'isDefault must be a boolean'));
  return typeof v === 'boolean' ? v : undefined;
}

function rejectAddress(ctx: V2Ctx, errors: FieldError[]): never {
  if (ctx.s.faults.has('v2-err-no-details-addresses')) throw new ApiError(422, 'The address is invalid', 'VALIDATION_FAILED');
  throw validationFailed(errors);
}

function makeDefault(ctx: V2Ctx, a: AddressRec): void {
  for (const other of ctx.s.addresses.values()) if (other.customerId === a.customerId) other.isDefault = other.id === a.id;
}

const newestFirst = <T extends { id: string; createdAt: string }>(list: T[]) => [...list].sort(byThenId((a, b) => compareIso(b.createdAt, a.createdAt)));

export const accountRoutes: V2RouteDef[] = [
  {
    id: 'listAddresses',
    method: 'GET',
    url: '/customers/me/addresses',
    auth: 'customer',
    handler: (ctx) => {
      const c = me(ctx);
      sortKeyOf(ctx.q, [], ctx.s.faults);
      const mine = [...ctx.s.addresses.values()].filter((a) => a.customerId === c.id);
      return { body: pageOf(mine, ctx.q, ctx.s, 'other', address) };
    },
  },
  {
    id: 'createAddress',
    method: 'POST',
    url: '/customers/me/addresses',
    auth: 'customer',
    body: true,
    handler: (ctx) => {
      const c = me(ctx);
      const errors: FieldError[] = [];
      const input = addressInput(ctx.body, errors);
      const isDefault = isDefaultOf(ctx.body, errors);
      if (errors.length || !input) rejectAddress(ctx, errors);
      const first = ![...ctx.s.addresses.values()].some((a) => a.customerId === c.id);
      const a: AddressRec = { id: ctx.s.ids.next('addr'), customerId: c.id, ...input, isDefault: first || isDefault === true };
      ctx.s.addresses.set(a.id, a);
      if (a.isDefault) makeDefault(ctx, a);
      return { status: 201, body: address(a) };
    },
  },
  {
    id: 'updateAddress',
    method: 'PUT',
    url: '/customers/me/addresses/:addressId',
    auth: 'customer',
    body: true,
    handler: (ctx) => {
      me(ctx);
      const a = addressOf(ctx);
      const errors: FieldError[] = [];
      const input = addressInput(ctx.body, errors, '', a);
      const isDefault = isDefaultOf(ctx.body, errors);
      if (errors.length || !input) rejectAddress(ctx, errors);
      Object.assign(a, input);
      if (isDefault === true) makeDefault(ctx, a);
      else if (isDefault === false) a.isDefault = false;
      return { body: address(a) };
    },
  },
  {
    id: 'deleteAddress',
    method: 'DELETE',
    url: '/customers/me/addresses/:addressId',
    auth: 'customer',
    handler: (ctx) => {
      me(ctx);
      const a = ctx.s.addresses.get(ctx.params.addressId);
      if (!a) throw notFoundV2('Address');
      if (!ctx.s.faults.has('v2-auth-foreign-address-delete')) assertOwner(ctx, a.customerId, 'Address');
      ctx.s.addresses.delete(a.id);
      return { status: 204 };
    },
  },
  {
    id: 'listFavorites',
    method: 'GET',
    url: '/customers/me/favorites',
    auth: 'customer',
    handler: (ctx) => {
      const c = me(ctx);
      sortKeyOf(ctx.q, ['newest'], ctx.s.faults);
      const ids = ctx.s.favorites.get(c.id) ?? new Set<string>();
      const products = [...ids].map((id) => ctx.s.products.get(id)!).sort(byThenId((a: ProductRec, b: ProductRec) => compareIso(b.createdAt, a.createdAt)));
      return { body: pageOf(products, ctx.q, ctx.s, 'other', (p) => productSummary(ctx.s, ctx.locale, p)) };
    },
  },
  {
    id: 'addFavorite',
    method: 'PUT',
    url: '/customers/me/favorites/:productId',
    auth: 'customer',
    handler: (ctx) => {
      const c = me(ctx);
      if (!ctx.s.products.has(ctx.params.productId)) {
        if (ctx.s.modes.unknownProduct === 422) throw validationFailed([fieldError('productId', 'INVALID_VALUE', 'no such product')]);
        throw notFoundV2('Product');
      }
      const set = ctx.s.favorites.get(c.id) ?? new Set<string>();
      set.add(ctx.params.productId);
      ctx.s.favorites.set(c.id, set);
      return { status: 204 };
    },
  },
  {
    id: 'removeFavorite',
    method: 'DELETE',
    url: '/customers/me/favorites/:productId',
    auth: 'customer',
    handler: (ctx) => {
      ctx.s.favorites.get(me(ctx).id)?.delete(ctx.params.productId);
      return { status: 204 };
    },
  },
  {
    id: 'listNotifications',
    method: 'GET',
    url: '/customers/me/notifications',
    auth: 'customer',
    handler: (ctx) => {
      const c = me(ctx);
      sortKeyOf(ctx.q, ['newest'], ctx.s.faults);
      const read = first(ctx.q, 'read');
      if (read !== undefined && read !== '' && read !== 'true' && read !== 'false') throw validationFailed([fieldError('read', 'INVALID_VALUE', "read must be 'true' or 'false'")], 400);
      const mine = [...ctx.s.notifications.values()].filter((n) => n.customerId === c.id && (read === undefined || read === '' || n.read === (read === 'true')));
      return { body: pageOf(newestFirst(mine), ctx.q, ctx.s, 'other', ({ customerId: _c, ...n }: NotificationRec) => n) };
    },
  },
  {
    id: 'updateNotification',
    method: 'PUT',
    url: '/customers/me/notifications/:notificationId',
    auth: 'customer',
    body: true,
    handler: (ctx) => {
      me(ctx);
      const n = ctx.s.notifications.get(ctx.params.notificationId);
      if (!n) throw notFoundV2('Notification');
      assertOwner(ctx, n.customerId, 'Notification');
      const read = ctx.body.read;
      if (typeof read !== 'boolean') throw validationFailed([fieldError('read', read === undefined ? 'REQUIRED' : 'INVALID_VALUE', 'read must be a boolean')]);
      n.read = read;
      const { customerId: _c, ...view } = n;
      return { body: view };
    },
  },
  {
    id: 'listDiscountCodes',
    method: 'GET',
    url: '/customers/me/discount-codes',
    auth: 'customer',
    handler: (ctx) => {
      me(ctx);
      const now = new Date().toISOString();
      const region = ctx.locale.region;
      const items = ctx.s.data.discounts
        .filter((d) => d.validUntil > now)
        .map((d) => ({
          code: d.code, description: d.description, validUntil: d.validUntil,
          ...(d.percentage !== undefined ? { percentage: d.percentage } : { amount: toDecimal(d.amount![region.code], region.currency), currency: region.currency }),
        }));
      return { body: { items } };
    },
  },
  {
    id: 'listStoreTickets',
    method: 'GET',
    url: '/customers/me/store-tickets',
    auth: 'customer',
    handler: (ctx) => {
      const c = me(ctx);
      sortKeyOf(ctx.q, ['newest'], ctx.s.faults);
      const mine = ctx.s.tickets.filter((t) => t.customerId === c.id);
      return { body: pageOf(newestFirst(mine), ctx.q, ctx.s, 'other', ({ customerId: _c, ...t }: TicketRec) => t) };
    },
  },
];
