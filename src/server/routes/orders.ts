// Rows 23-27: order history in two live representations (VER-01: /orders = v2, /orders/v1,
// /orders/v2; VER-02: other versions 404), order detail, cancellation (IDM-07) and a customer's
// v1 history by id (VER-03).

import { assertOwner, invalid, required, type Ctx, type RouteDef } from '../context.js';
import { ApiError, conflict, notFound, validation } from '../errors.js';
import { listPage, type ListSpec, type Op } from '../query.js';
import { all } from '../querystring.js';
import type { OrderRec } from '../records.js';
import type { ServerState } from '../state.js';
import { order as orderV2, orderV1 } from '../views.js';
import { touch } from './carts.js';

const ALL_OPS: readonly Op[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'];
const STATUSES = ['CREATED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
const status = { kind: 'enum' as const, values: STATUSES, get: (o: OrderRec) => o.status };
const createdAt = { kind: 'timestamp' as const, get: (o: OrderRec) => o.createdMs };

function v2Spec(s: ServerState): ListSpec<OrderRec> {
  const asText = s.faults.has('srt-total-amount-as-string');
  const total = asText ? { kind: 'string' as const, get: (o: OrderRec) => String(o.totalCents) } : { kind: 'money' as const, get: (o: OrderRec) => o.totalCents };
  return {
    name: 'orders',
    id: (o) => o.id,
    sort: { createdAt, status, totalAmount: total },
    filters: {
      status: { ...status, ops: ['eq', 'ne'] },
      createdAt: { ...createdAt, ops: ALL_OPS },
      totalAmount: { kind: 'money', get: (o) => o.totalCents, ops: ALL_OPS },
    },
  };
}

const v1Spec: ListSpec<OrderRec> = {
  name: 'orders-v1',
  id: (o) => o.id,
  sort: { createdAt, status },
  filters: { status: { ...status, ops: ['eq', 'ne'] }, createdAt: { ...createdAt, ops: ALL_OPS } },
};

const ordersOf = (s: ServerState, customerId: string): OrderRec[] => [...s.orders.values()].filter((o) => o.customerId === customerId);

function listV2(ctx: Ctx, customerId = ctx.customer.id) {
  const { s } = ctx;
  return { body: listPage(ordersOf(s, customerId), ctx.q, v2Spec(s), s, (o) => orderV2(o, s.faults)) };
}

function listV1(ctx: Ctx, customerId = ctx.customer.id) {
  const { s } = ctx;
  return { body: listPage(ordersOf(s, customerId), ctx.q, v1Spec, s, (o) => orderV1(o, s.faults)) };
}

function orderOf(ctx: Ctx): OrderRec {
  const o = ctx.s.orders.get(ctx.params.orderId);
  if (!o) throw notFound('Order');
  if (!(ctx.req.method !== 'PUT' && ctx.s.faults.has('auth-foreign-order-readable'))) assertOwner(ctx, o.customerId, 'Order');
  return o;
}

/** `/orders/v0`, `/orders/v3`...: not a live version, a 404 for everyone (VER-02). */
function notLiveVersion(ctx: Ctx): void {
  const id = ctx.params.orderId;
  if (/^v\d+(\.\d+)?$/.test(id) && !(id === 'v3' && ctx.req.method === 'GET' && ctx.s.faults.has('ver-v3-answers'))) {
    throw new ApiError(404, `Orders API version ${id} is not available; live versions are v1 and v2`, 'NOT_FOUND');
  }
}

export const orderRoutes: RouteDef[] = [
  {
    id: 'listOrders',
    method: 'GET',
    url: '/orders',
    auth: 'customer',
    handler: (ctx) => {
      if ((ctx.s.faults.has('err-500-order-sort-status') || ctx.s.faults.has('err-crash-503-order-sort-status')) && all(ctx.q, 'sort').some((v) => v.startsWith('status'))) throw new Error('sort by status crashed');
      return ctx.s.faults.has('ver-orders-serves-v1') ? listV1(ctx) : listV2(ctx);
    },
  },
  { id: 'listOrdersV1', method: 'GET', url: '/orders/v1', auth: 'customer', handler: (ctx) => listV1(ctx) },
  { id: 'listOrdersV2', method: 'GET', url: '/orders/v2', auth: 'customer', handler: (ctx) => listV2(ctx) },
  {
    id: 'getOrder',
    method: 'GET',
    url: '/orders/:orderId',
    auth: 'customer',
    pre: notLiveVersion,
    handler: (ctx) => (ctx.params.orderId === 'v3' ? listV2(ctx) : { body: orderV2(orderOf(ctx), ctx.s.faults) }),
  },
  {
    id: 'updateOrder',
    method: 'PUT',
    url: '/orders/:orderId',
    auth: 'customer',
    body: 'json',
    pre: notLiveVersion,
    handler: (ctx) => {
      const o = orderOf(ctx);
      const f = ctx.s.faults;
      const wanted = ctx.body.status;
      if (wanted === undefined || wanted === null || wanted === '') throw validation([required('status')]);
      if (wanted !== 'CANCELLED') {
        const entry = invalid('status', 'Only status CANCELLED can be set');
        throw f.has('err-cancel-other-status-400') ? new ApiError(400, 'Bad request', 'BAD_REQUEST', [entry]) : validation([entry]);
      }
      if (o.status === 'CANCELLED') {
        if (f.has('idm-cancel-twice-409')) throw conflict('The order is already cancelled', 'ORDER_NOT_CANCELLABLE');
      } else if ((o.status === 'SHIPPED' || o.status === 'DELIVERED') && !f.has('idm-cancel-shipped')) {
        throw conflict(`An order that is ${o.status} can no longer be cancelled`, 'ORDER_NOT_CANCELLABLE');
      } else {
        o.status = 'CANCELLED';
        touch(o);
      }
      return { body: orderV2(o, f) };
    },
  },
  {
    id: 'listCustomerOrdersV1',
    method: 'GET',
    url: '/customers/:customerId/orders/v1',
    auth: 'customer',
    handler: (ctx) => {
      const id = ctx.params.customerId;
      if (id === ctx.customer.id) return listV1(ctx);
      if (!ctx.s.customers.has(id)) throw notFound('Customer');
      if (ctx.s.faults.has('ver-foreign-customer-orders')) return listV1(ctx, id);
      assertOwner(ctx, id, 'Customer');
      throw notFound('Customer');
    },
  },
];
