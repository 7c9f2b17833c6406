// Action: the checkout's address step: pick a saved address, or add one when there is none.
import { check, group } from 'k6';
import { send, json, type Session } from '../lib/http.ts';
import { contractHeaders, isPage, type Page } from '../lib/checks.ts';
import type { Address } from '../lib/resources.ts';
import type { AddressInput } from '../config.ts';

export function chooseShippingAddress(s: Session, fallback: AddressInput): string | undefined {
  return group('Choose a shipping address', () => {
    const list = send(s, 'GET', 'listAddresses', '/customers/me/addresses');
    check(list, {
      'the answer is a page of addresses': isPage,
      ...contractHeaders(s.correlationId),
    });
    const saved = json<Page<Address>>(list)?.results ?? [];
    if (saved.length > 0) return saved[0].id;
    const res = send(s, 'POST', 'createAddress', '/customers/me/addresses', { body: fallback, expected: [201] });
    const created = json<Address>(res);
    check(res, {
      'the new address has an id': () => typeof created?.id === 'string',
      ...contractHeaders(s.correlationId),
    });
    return created?.id;
  });
}
