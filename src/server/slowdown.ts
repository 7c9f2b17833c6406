// A load-testing aid, not a contract choice: the modes slowRoute, slowMs and slowAboveRps make one
// route (or all) answer slowMs later, always or only while the server receives more than
// slowAboveRps requests per second. It gives `load --profile breakpoint` a rate at which the
// service breaks, and `load compare` a route that regressed.
//   storefront-check serve --mode slowRoute='GET /products/{productId}' --mode slowMs=40
//   storefront-check serve --mode slowRoute=all --mode slowMs=400 --mode slowAboveRps=60

import type { FastifyRequest } from 'fastify';
import type { ServerModes } from './types.js';

/** Requests per second over the last whole second, counted in two one-second slots. */
class ArrivalRate {
  private second = 0;
  private current = 0;
  private previous = 0;

  hit(nowMs: number): number {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.second) {
      this.previous = second === this.second + 1 ? this.current : 0;
      this.current = 0;
      this.second = second;
    }
    this.current++;
    const into = (nowMs % 1000) / 1000;
    return this.current + this.previous * (1 - into);
  }
}

/** The route template of a request as the load scripts name it: 'GET /products/{productId}'. */
function templateOf(req: FastifyRequest): string {
  return `${req.method} ${(req.routeOptions.url ?? req.url).replace(/:([A-Za-z]+)/g, '{$1}')}`;
}

/** An onRequest hook that delays as the modes say, or null when they say nothing. */
export function slowdownHook(modes: ServerModes): ((req: FastifyRequest) => Promise<void>) | null {
  if (modes.slowRoute === 'none' || modes.slowMs <= 0) return null;
  const rate = new ArrivalRate();
  return async (req) => {
    const rps = rate.hit(Date.now());
    if (modes.slowAboveRps > 0 && rps <= modes.slowAboveRps) return;
    if (modes.slowRoute !== 'all' && templateOf(req) !== modes.slowRoute) return;
    await new Promise((resolve) => setTimeout(resolve, modes.slowMs));
  };
}
