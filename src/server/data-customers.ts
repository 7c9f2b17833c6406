// Seeded test customers (two, so AUTH-08 can be checked), their addresses and a history of
// orders covering every status, plus the discount codes carts accept.

import type { Faker } from '@faker-js/faker';
import type { Ids } from './ids.js';
import type { AddressRec, CustomerRec, DiscountRec, LineItemRec, OrderRec, OrderStatus, ProductRec } from './records.js';

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

export const TEST_ACCOUNTS = [
  { email: 'customer@example.com', password: 'SecurePassword123!', firstName: 'Jane', lastName: 'Smith', phone: '+61 400 000 001', locale: 'en-AU', currency: 'AUD' },
  { email: 'second@example.com', password: 'SecondPassword456!', firstName: 'Tom', lastName: 'Walker', phone: null, locale: 'en-NZ', currency: 'NZD' },
] as const;

// every status at least once; several cancellable ones so repeated suite runs find some
const ORDER_STATUSES: OrderStatus[] = ['CREATED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'CONFIRMED', 'DELIVERED', 'CREATED', 'SHIPPED', 'CONFIRMED', 'DELIVERED', 'CANCELLED'];

export const DISCOUNTS: DiscountRec[] = [
  { code: 'WELCOME10', percent: 10 },
  { code: 'SAVE20', percent: 20 },
  { code: 'TENOFF', fixedCents: 1000 },
];

export function generateCustomers(
  faker: Faker,
  ids: Ids,
  products: ProductRec[],
): { customers: CustomerRec[]; addresses: AddressRec[]; orders: OrderRec[]; discounts: DiscountRec[] } {
  const customers: CustomerRec[] = [];
  const addresses: AddressRec[] = [];
  const orders: OrderRec[] = [];
  let orderNumber = 100001;
  TEST_ACCOUNTS.forEach((acct, index) => {
    const createdMs = Date.UTC(2023, 2 + index * 3, 14, 9, 30);
    const customer: CustomerRec = {
      id: ids.next('cust'),
      version: 3,
      emailAddress: acct.email,
      password: acct.password,
      firstName: acct.firstName,
      lastName: acct.lastName,
      phone: acct.phone,
      createdAt: iso(createdMs),
      lastModifiedAt: iso(createdMs + 400 * DAY),
      preferences: { newsletter: index === 0, locale: acct.locale, currencyCode: acct.currency },
    };
    customers.push(customer);
    const homes = index === 0 ? ['AU', 'AU'] : ['NZ', 'AU'];
    homes.forEach((country, k) => {
      addresses.push({
        id: ids.next('addr'),
        customerId: customer.id,
        firstName: acct.firstName,
        lastName: acct.lastName,
        streetName: `${faker.number.int({ min: 1, max: 200 })} ${faker.helpers.arrayElement(['George St', 'Queen St', 'Beach Rd', 'Park Ave', 'High St'])}`,
        city: country === 'AU' ? faker.helpers.arrayElement(['Sydney', 'Melbourne', 'Brisbane', 'Perth']) : faker.helpers.arrayElement(['Auckland', 'Wellington', 'Christchurch']),
        state: country === 'AU' ? faker.helpers.arrayElement(['NSW', 'VIC', 'QLD', 'WA']) : faker.helpers.arrayElement(['AUK', 'WGN', 'CAN']),
        postcode: String(faker.number.int({ min: country === 'AU' ? 2000 : 600, max: 7999 })).padStart(4, '0'),
        country,
        isDefault: k === 0,
      });
    });
    ORDER_STATUSES.forEach((status, k) => {
      const created = Date.UTC(2024, 0, 5) + k * 23 * DAY + index * 3 * DAY + faker.number.int({ max: 80_000 }) * 1000;
      const lineItems: LineItemRec[] = Array.from({ length: faker.number.int({ min: 1, max: 3 }) }, () => {
        const p = faker.helpers.arrayElement(products);
        return { id: ids.next('li', 5), productId: p.id, variantId: p.variants[0].id, quantity: faker.number.int({ min: 1, max: 3 }), unitCents: p.priceCents };
      });
      const modified = status === 'CREATED' ? created : created + faker.number.int({ min: 1, max: 9 }) * DAY;
      orders.push({
        id: ids.next('ord'),
        version: status === 'CREATED' ? 1 : status === 'CONFIRMED' || status === 'CANCELLED' ? 2 : status === 'SHIPPED' ? 3 : 4,
        orderNumber: `TW-${orderNumber++}`,
        customerId: customer.id,
        status,
        currency: 'AUD',
        lineItems,
        totalCents: lineItems.reduce((s, li) => s + li.unitCents * li.quantity, 0),
        createdAt: iso(created),
        createdMs: created,
        lastModifiedAt: iso(modified),
      });
    });
  });
  return { customers, addresses, orders, discounts: DISCOUNTS };
}
