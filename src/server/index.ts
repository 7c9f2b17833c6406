// The reference server's entry point: startServer (listen on a loopback port, hand back URL,
// test customers, the in-process service token and an expired-token minter) and buildApp.

import type { FastifyInstance } from 'fastify';
import { buildFastify } from './app.js';
import { TEST_ACCOUNTS } from './data-customers.js';
import { createState } from './state.js';
import type { RunningServer, ServerOptions, StartOptions, TestCustomer } from './types.js';

export type { RunningServer, ServerModes, ServerOptions, StartOptions, RateLimitConfig } from './types.js';
export { FAULTS } from './faults.js';

/** A ready fastify instance (not listening) with its state; options are validated first. */
export async function buildApp(opts: ServerOptions = {}): Promise<FastifyInstance> {
  const state = await createState(opts);
  return buildFastify(state, opts.logger ?? false);
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const state = await createState(opts);
  const app = buildFastify(state, opts.logger ?? false);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
  const customers = state.data.customers.slice(0, 2).map(
    (c, i): TestCustomer => ({ id: c.id, email: TEST_ACCOUNTS[i].email, password: TEST_ACCOUNTS[i].password }),
  ) as [TestCustomer, TestCustomer];
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    customers,
    recaptchaToken: 'reference-server-accepts-any-recaptcha',
    serviceToken: state.serviceToken,
    mintExpiredToken: (customerIndex: 0 | 1 = 0) => state.tokens.mintExpired(customers[customerIndex].id),
    close: () => app.close(),
  };
}
