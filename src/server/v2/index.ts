// The v2 reference server's entry point (`serve --pack storefront-v2`, and the engine's embedded
// target for `run --pack storefront-v2`): startV2Server listens on a loopback port and hands back
// the URL, the two test customers, the test OTP and card, an expired-token minter and close().

import type { FastifyInstance } from 'fastify';
import { TEST_ACCOUNTS } from '../data-customers.js';
import { buildV2Fastify } from './app.js';
import { createV2State } from './state.js';
import type { V2RunningServer, V2ServerOptions, V2StartOptions, V2TestCustomer } from './types.js';

export type { V2Modes, V2RunningServer, V2ServerOptions, V2StartOptions, V2TestCustomer } from './types.js';
export { V2_FAULTS, type V2FaultId } from './faults.js';
export { DEFAULT_V2_MODES, V2_MODE_VALUES } from './modes.js';

/** A Luhn-valid, well-known test card number (STOREFRONT_TEST_CARD's default). */
export const V2_TEST_CARD = '4111 1111 1111 1111';

/** A ready fastify instance (not listening); options are validated first. */
export function buildV2App(opts: V2ServerOptions = {}): FastifyInstance {
  return buildV2Fastify(createV2State(opts), opts.logger ?? false);
}

export async function startV2Server(opts: V2StartOptions = {}): Promise<V2RunningServer> {
  const state = createV2State(opts);
  const app = buildV2Fastify(state, opts.logger ?? false);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
  const customers = state.data.customers.slice(0, 2).map(
    (c, i): V2TestCustomer => ({ id: c.id, email: TEST_ACCOUNTS[i].email, password: TEST_ACCOUNTS[i].password }),
  ) as [V2TestCustomer, V2TestCustomer];
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    pack: 'storefront-v2',
    url: `http://${urlHost}:${port}`,
    port,
    host,
    customers,
    otpCode: state.otpCode,
    testCard: V2_TEST_CARD,
    mintExpiredToken: (customerIndex: 0 | 1 = 0) => state.tokens.mintExpired(customers[customerIndex].id),
    close: () => app.close(),
  };
}
