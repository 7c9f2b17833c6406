// Rows 37-38: health (public, never rate limited) and the internal status endpoint, which only
// a service identity token opens (AUTH-10).

import type { RouteDef } from '../context.js';

export const systemRoutes: RouteDef[] = [
  { id: 'healthLive', method: 'GET', url: '/health/live', auth: 'public', family: null, handler: () => ({ body: { status: 'UP' } }) },
  {
    id: 'healthReady',
    method: 'GET',
    url: '/health/ready',
    auth: 'public',
    family: null,
    handler: () => ({ body: { status: 'UP', checks: { catalogue: 'UP', sessions: 'UP' } } }),
  },
  {
    id: 'internalStatus',
    method: 'GET',
    url: '/internal/status',
    auth: 'service',
    family: null,
    handler: ({ s }) => ({
      body: {
        status: 'UP',
        uptimeSeconds: Math.floor((Date.now() - s.startedAt) / 1000),
        products: s.products.size,
        carts: s.carts.size,
        orders: s.orders.size,
        faults: [...s.faults],
      },
    }),
  },
];
