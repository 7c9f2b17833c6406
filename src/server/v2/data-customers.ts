// Seeded v2 people: the two test customers (the BFF server's accounts), their addresses, an order
// history covering every status in several currencies, a card, payments, purchases,
// notifications (two pages), store tickets, and the discount codes baskets accept.

import type { Faker } from '@faker-js/faker';
import { DATA_EPOCH_MS } from '../data.js';
import { TEST_ACCOUNTS } from '../data-customers.js';
import type { Ids } from '../ids.js';
import { isoSeconds } from './formats.js';
import { priceLines } from './pricing.js';
import type { AddressRec, CardRec, CustomerRec, DiscountRec, NotificationRec, OrderRec, OrderStatus, PaymentRec, ProductRec, PurchaseRec, RegionCode, TicketRec } from './records.js';
import { regionByCode, STORES } from './regions.js';

const DAY = 86_400_000;
const NO_FAULTS = { has: () => false, size: 0 };

// every status at least once, several cancellable ones so repeated suite runs find some; mixed currencies
const HISTORY: Array<[OrderStatus, RegionCode]> = [
  ['CREATED', 'GB'], ['PAID', 'GB'], ['SHIPPED', 'GB'], ['DELIVERED', 'GB'], ['CANCELLED', 'GB'], ['CREATED', 'DE'],
  ['PAID', 'JP'], ['DELIVERED', 'TR'], ['CREATED', 'GB'], ['SHIPPED', 'JP'], ['PAID', 'GB'], ['CREATED', 'GB'],
];

export const DISCOUNTS: DiscountRec[] = [
  { code: 'WELCOME10', description: '10% off your first order', validUntil: '2030-12-31T23:59:59Z', percentage: 10 },
  { code: 'SAVE20', description: '20% off everything', validUntil: '2030-06-30T23:59:59Z', percentage: 20 },
  { code: 'FIVEOFF', description: 'A fixed amount off', validUntil: '2030-12-31T23:59:59Z', amount: { GB: 500, DE: 600, TR: 20000, JP: 1000 } },
  { code: 'SPRING5', description: 'Expired spring offer', validUntil: '2024-05-31T23:59:59Z', percentage: 5 },
];

export function generateCustomers(faker: Faker, ids: Ids, products: ProductRec[]) {
  const customers: CustomerRec[] = [];
  const addresses: AddressRec[] = [];
  const orders: OrderRec[] = [];
  const cards: CardRec[] = [];
  const payments: PaymentRec[] = [];
  const purchases: PurchaseRec[] = [];
  const notifications: NotificationRec[] = [];
  const tickets: TicketRec[] = [];
  const byId = new Map(products.map((p) => [p.id, p]));
  const active = products.filter((p) => p.status === 'active');
  let orderNumber = 200001;
  TEST_ACCOUNTS.forEach((acct, index) => {
    const createdMs = Date.UTC(2023, 2 + index * 3, 14, 9, 30);
    const customer: CustomerRec = {
      id: ids.next('cust'), email: acct.email, password: acct.password, firstName: acct.firstName, lastName: acct.lastName,
      phone: acct.phone === null ? null : '+44 7700 900' + String(100 + index), version: 2, createdAt: isoSeconds(createdMs), updatedAt: isoSeconds(createdMs + 300 * DAY),
    };
    customers.push(customer);
    const homes = [
      { line1: `${10 + index} Baker Street`, city: 'London', postalCode: 'NW1 6XE', country: 'GB' },
      { line1: 'Friedrichstraße 43', city: 'Berlin', postalCode: '10117', country: 'DE' },
    ];
    homes.forEach((h, k) => addresses.push({ id: ids.next('addr'), customerId: customer.id, firstName: acct.firstName, lastName: acct.lastName, line2: null, ...h, isDefault: k === 0 }));
    const shippingAddress = { firstName: acct.firstName, lastName: acct.lastName, line2: null, ...homes[0] };
    const history = index === 0 ? HISTORY : HISTORY.slice(0, 6);
    history.forEach(([status, regionCode], k) => {
      const region = regionByCode.get(regionCode)!;
      const lines = faker.helpers.arrayElements(active, faker.number.int({ min: 1, max: 3 })).map((p, n) => ({ id: `line-${n + 1}`, productId: p.id, quantity: faker.number.int({ min: 1, max: 3 }) }));
      const totals = priceLines(lines, byId, region, undefined, 'flat', NO_FAULTS);
      const at = DATA_EPOCH_MS - (history.length - k) * 20 * DAY;
      orders.push({
        id: ids.next('ord'), orderNumber: `SO-${orderNumber++}`, customerId: customer.id, email: customer.email, status, ...totals,
        clientReference: `seed-${index}-${k + 1}-order`, shippingAddress, createdAt: isoSeconds(at), updatedAt: isoSeconds(at + (status === 'CREATED' ? 0 : 2 * DAY)),
      });
    });
    cards.push({ id: ids.next('card'), customerId: customer.id, brand: 'VISA', last4: index === 0 ? '4242' : '1881', expiryMonth: 8, expiryYear: 2031, holderName: `${acct.firstName} ${acct.lastName}` });
    for (const order of orders.filter((o) => o.customerId === customer.id && o.status !== 'CREATED' && o.status !== 'CANCELLED')) {
      payments.push({
        id: ids.next('pay'), customerId: customer.id, orderId: order.id, methodId: 'pm-card', cardId: cards[cards.length - 1].id, status: 'AUTHORIZED',
        amount: order.total, currency: order.currency, clientReference: `seed-${order.id}-pay`, wrongOtps: 0, createdAt: order.updatedAt, updatedAt: order.updatedAt,
      });
    }
    [STORES[0], STORES[2]].forEach((store, k) => {
      const p = active[k];
      const region = regionByCode.get(store.region)!;
      purchases.push({
        id: ids.next('pur'), customerId: customer.id, storeId: store.id, catalogItemId: p.id, quantity: 1, amount: p.price[region.code], currency: region.currency,
        clientReference: `seed-${index}-${k + 1}-purchase`, status: 'COMPLETED', createdAt: isoSeconds(DATA_EPOCH_MS - (k + 1) * 30 * DAY),
      });
    });
    const noteCount = index === 0 ? 30 : 3;
    for (let k = 0; k < noteCount; k++) {
      notifications.push({ id: ids.next('ntf'), customerId: customer.id, title: faker.lorem.words(3), body: faker.lorem.sentence(), read: k % 3 === 0, createdAt: isoSeconds(DATA_EPOCH_MS - (k + 1) * 3 * DAY - k * 1000) });
    }
    for (let k = 0; k < 5; k++) {
      tickets.push({ id: ids.next('tkt'), customerId: customer.id, storeId: STORES[k % STORES.length].id, subject: faker.lorem.words(4), status: k < 2 ? 'OPEN' : 'CLOSED', createdAt: isoSeconds(DATA_EPOCH_MS - (k + 1) * 11 * DAY) });
    }
  });
  return { customers, addresses, orders, cards, payments, purchases, notifications, tickets, discounts: DISCOUNTS };
}
