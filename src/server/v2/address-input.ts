// The address rules of row 18, shared by addresses and guest orders (row 32): required fields,
// `country` two upper-case letters, a GB postalCode that looks like a UK postcode; field errors
// name the input as sent (`shippingAddress.postalCode` inside a guest order, V2-ERR-03).

import type { FieldError } from '../errors.js';
import { str } from './context.js';
import { fieldError } from './errors.js';
import type { AddressInput } from './records.js';

const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;

/** Validate an address object; `current` fills fields a PUT leaves out. */
export function addressInput(raw: unknown, errors: FieldError[], prefix = '', current?: AddressInput, postalField?: string): AddressInput | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push(fieldError(prefix.replace(/\.$/, '') || 'body', 'INVALID_VALUE', 'an address object is required'));
    return undefined;
  }
  const body = { ...current, ...(raw as Record<string, unknown>) } as Record<string, unknown>;
  const before = errors.length;
  const out = {
    firstName: str(body, 'firstName', errors, false, prefix),
    lastName: str(body, 'lastName', errors, false, prefix),
    line1: str(body, 'line1', errors, false, prefix),
    line2: str(body, 'line2', errors, true, prefix) ?? null,
    city: str(body, 'city', errors, false, prefix),
    postalCode: str(body, 'postalCode', errors, false, prefix),
    country: str(body, 'country', errors, false, prefix),
  };
  if (out.country !== undefined && !/^[A-Z]{2}$/.test(out.country)) {
    errors.push(fieldError(prefix + 'country', 'INVALID_FORMAT', 'country must be two upper-case letters (ISO 3166-1 alpha-2)'));
  }
  if (out.country === 'GB' && out.postalCode !== undefined && !UK_POSTCODE.test(out.postalCode)) {
    errors.push(fieldError(postalField ?? prefix + 'postalCode', 'INVALID_FORMAT', 'postalCode must be a UK postcode, e.g. SW1A 1AA'));
  }
  return errors.length > before ? undefined : (out as AddressInput);
}
