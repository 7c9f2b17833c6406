// Rows 28-34: the signed-in customer's profile (versioned, IDM-02/06), addresses (AU postcode
// 4 digits, ISO country) and preferences. Every answer is private (HDR-07, via auth 'customer').

import { assertOwner, invalid, required, str, versionOf, type Ctx, type RouteDef } from '../context.js';
import { ApiError, conflict, notFound, validation, type FieldError } from '../errors.js';
import { listPage, type ListSpec } from '../query.js';
import type { AddressRec } from '../records.js';
import type { ServerState } from '../state.js';
import { address, customer as customerView, CURRENCIES } from '../views.js';
import { touch } from './carts.js';

const addressSpec: ListSpec<AddressRec> = {
  name: 'addresses',
  id: (a) => a.id,
  simple: { isDefault: { kind: 'boolean', op: 'eq', field: { kind: 'boolean', get: (a) => a.isDefault } } },
};

/** Addresses deleted once, per server (fault idm-second-delete-409 answers their repeat with 409). */
const deletedAddresses = new WeakMap<ServerState, Set<string>>();

const addressesOf = (s: ServerState, customerId: string) => [...s.addresses.values()].filter((a) => a.customerId === customerId);

function addressInput(ctx: Ctx): Omit<AddressRec, 'id' | 'customerId' | 'isDefault'> & { isDefault?: boolean } {
  const b = ctx.body;
  const errors: FieldError[] = [];
  const fields = {
    firstName: str(b, 'firstName', errors),
    lastName: str(b, 'lastName', errors),
    streetName: str(b, 'streetName', errors),
    city: str(b, 'city', errors),
    state: str(b, 'state', errors),
    postcode: str(b, 'postcode', errors),
    country: str(b, 'country', errors),
  };
  if (fields.country !== undefined && !/^[A-Z]{2}$/.test(fields.country)) {
    errors.push(invalid('country', 'country must be an ISO 3166-1 alpha-2 code, e.g. AU', 'INVALID_FORMAT'));
  }
  if (fields.country === 'AU' && fields.postcode !== undefined && !/^\d{4}$/.test(fields.postcode)) {
    const entry = invalid('postcode', 'An Australian postcode has 4 digits', 'INVALID_FORMAT');
    if (ctx.s.faults.has('err-422-no-field-postcode')) delete entry.field;
    errors.push(entry);
  }
  if (b.isDefault !== undefined && typeof b.isDefault !== 'boolean') errors.push(invalid('isDefault', 'isDefault must be true or false'));
  if (errors.length) throw validation(errors);
  return { ...(fields as { [K in keyof typeof fields]: string }), isDefault: b.isDefault as boolean | undefined };
}

function makeDefault(s: ServerState, a: AddressRec): void {
  for (const other of s.addresses.values()) if (other.customerId === a.customerId && other !== a) other.isDefault = false;
}

function addressOf(ctx: Ctx): AddressRec {
  const a = ctx.s.addresses.get(ctx.params.addressId);
  if (!a) throw notFound('Address');
  if (!(ctx.req.method === 'PUT' && ctx.s.faults.has('auth-foreign-address-update'))) assertOwner(ctx, a.customerId, 'Address');
  return a;
}

export const customerRoutes: RouteDef[] = [
  { id: 'getMe', method: 'GET', url: '/customers/me', auth: 'customer', handler: (ctx) => ({ body: customerView(ctx.customer, ctx.s.faults) }) },
  {
    id: 'updateMe',
    method: 'PUT',
    url: '/customers/me',
    auth: 'customer',
    body: 'json',
    handler: (ctx) => {
      const c = ctx.customer;
      const errors: FieldError[] = [];
      const firstName = str(ctx.body, 'firstName', errors);
      const lastName = str(ctx.body, 'lastName', errors);
      const phone = ctx.body.phone;
      if (phone !== undefined && phone !== null && typeof phone !== 'string') errors.push(invalid('phone', 'phone must be a string or null'));
      const version = versionOf(ctx.body, errors);
      if (ctx.body.firstName === '' && ctx.s.faults.has('err-400-where-422-first-name')) throw new ApiError(400, 'Bad request', 'BAD_REQUEST', errors);
      if (errors.length) throw validation(errors);
      const changes = firstName !== c.firstName || lastName !== c.lastName || (phone !== undefined && phone !== c.phone);
      if (changes && version !== undefined && version !== c.version) {
        throw conflict(`Version ${version} is stale: the profile is at version ${c.version}`, 'VERSION_CONFLICT');
      }
      if (changes || ctx.s.faults.has('idm-put-me-bumps-version')) {
        c.firstName = firstName!;
        c.lastName = lastName!;
        if (phone !== undefined) c.phone = phone as string | null;
        touch(c);
      }
      return { body: customerView(c, ctx.s.faults) };
    },
  },
  {
    id: 'listAddresses',
    method: 'GET',
    url: '/customers/me/addresses',
    auth: 'customer',
    handler: (ctx) => ({ body: listPage(addressesOf(ctx.s, ctx.customer.id), ctx.q, addressSpec, ctx.s, address) }),
  },
  {
    id: 'createAddress',
    method: 'POST',
    url: '/customers/me/addresses',
    auth: 'customer',
    body: 'json',
    handler: (ctx) => {
      const input = addressInput(ctx);
      const a: AddressRec = { ...input, id: ctx.s.ids.next('addr'), customerId: ctx.customer.id, isDefault: input.isDefault ?? false };
      ctx.s.addresses.set(a.id, a);
      if (a.isDefault) makeDefault(ctx.s, a);
      return { status: 201, body: address(a) };
    },
  },
  {
    id: 'updateAddress',
    method: 'PUT',
    url: '/customers/me/addresses/:addressId',
    auth: 'customer',
    body: 'json',
    handler: (ctx) => {
      const a = addressOf(ctx);
      const input = addressInput(ctx);
      Object.assign(a, input, { isDefault: input.isDefault ?? a.isDefault });
      if (a.isDefault) makeDefault(ctx.s, a);
      return { body: address(a) };
    },
  },
  {
    id: 'deleteAddress',
    method: 'DELETE',
    url: '/customers/me/addresses/:addressId',
    auth: 'customer',
    handler: (ctx) => {
      const { s } = ctx;
      let deleted = deletedAddresses.get(s);
      if (!deleted) deletedAddresses.set(s, (deleted = new Set()));
      const id = ctx.params.addressId;
      if (!s.addresses.has(id) && deleted.has(id) && s.faults.has('idm-second-delete-409')) throw conflict('The address is already deleted', 'ALREADY_DELETED');
      const a = addressOf(ctx);
      s.addresses.delete(a.id);
      deleted.add(a.id);
      return { status: 204, lyingEmpty: s.faults.has('hdr-204-with-body') };
    },
  },
  { id: 'getPreferences', method: 'GET', url: '/customers/me/preferences', auth: 'customer', handler: (ctx) => ({ body: ctx.customer.preferences }) },
  {
    id: 'updatePreferences',
    method: 'PUT',
    url: '/customers/me/preferences',
    auth: 'customer',
    body: 'json',
    handler: (ctx) => {
      const b = ctx.body;
      const errors: FieldError[] = [];
      if (b.newsletter === undefined || b.newsletter === null) errors.push(required('newsletter'));
      else if (typeof b.newsletter !== 'boolean') errors.push(invalid('newsletter', 'newsletter must be true or false'));
      const locale = str(b, 'locale', errors);
      if (locale !== undefined && !/^[a-z]{2}-[A-Z]{2}$/.test(locale)) errors.push(invalid('locale', 'locale must look like en-AU', 'INVALID_FORMAT'));
      const currencyCode = str(b, 'currencyCode', errors);
      if (currencyCode !== undefined && !(CURRENCIES as readonly string[]).includes(currencyCode)) {
        errors.push(invalid('currencyCode', `currencyCode must be one of ${CURRENCIES.join(', ')}`));
      }
      if (errors.length) throw validation(errors);
      ctx.customer.preferences = { newsletter: b.newsletter as boolean, locale: locale!, currencyCode: currencyCode! };
      return { body: ctx.customer.preferences };
    },
  },
];
