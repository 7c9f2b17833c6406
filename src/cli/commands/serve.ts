// `storefront-check serve`: the reference server on a port, optionally with deliberate faults
// (--fault) or another of the contract's free choices (--mode key=value); --pack picks which
// contract's server (storefront-bff, or storefront-v2 from src/server/v2).

import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { UsageError } from '../../errors.js';
import { FAULTS } from '../../server/faults.js';
import { V2_FAULTS } from '../../server/v2/faults.js';
import type { RateLimitConfig, ServerModes, StartOptions } from '../../server/types.js';
import type { V2Modes } from '../../server/v2/types.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

const serveInput = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  seed: z.coerce.number().int(),
  tokenTtl: z.coerce.number().int().positive().optional(),
});

function keyValues(pairs: string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new UsageError(`${flag} '${pair}' must be written key=value, e.g. ${flag} outOfRange=clamp`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/** Numeric-looking mode values become numbers (foreignResource=404); the server validates the rest. */
function parseModes(pairs: string[]): Partial<ServerModes> {
  const modes: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(keyValues(pairs, '--mode'))) {
    modes[key] = /^\d+$/.test(value) ? Number(value) : value;
  }
  return modes as Partial<ServerModes>;
}

function parseRateLimits(pairs: string[]): Partial<RateLimitConfig> {
  const limits: Record<string, number> = {};
  for (const [key, value] of Object.entries(keyValues(pairs, '--rate-limit'))) {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--rate-limit ${key}=${value}: the value must be a positive whole number`);
    limits[key] = n;
  }
  return limits as Partial<RateLimitConfig>;
}

/** The packs whose reference server `serve` can run. */
export const SERVED_PACKS = ['storefront-bff', 'storefront-v2'] as const;
type ServedPack = (typeof SERVED_PACKS)[number];

export function printFaults(out: NodeJS.WritableStream = process.stdout, faults: ReadonlyArray<{ id: string; clause: string; title: string }> = FAULTS): void {
  const width = Math.max(...faults.map((f) => f.id.length));
  const clauseWidth = Math.max(8, ...faults.map((f) => f.clause.length));
  out.write(`${faults.length} faults (each switches on one deliberate contract violation):\n\n`);
  for (const f of faults) out.write(`  ${f.id.padEnd(width)}  ${f.clause.padEnd(clauseWidth)} ${f.title}\n`);
}

function servedPack(name: string): ServedPack {
  if ((SERVED_PACKS as readonly string[]).includes(name)) return name as ServedPack;
  throw new UsageError(`--pack '${name}': serve runs the reference server of ${SERVED_PACKS.join(' or ')}`);
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the reference server: a faithful implementation of the contract with seeded data')
    .option('--pack <name>', `the contract pack whose reference server to run: ${SERVED_PACKS.join(', ')}`, 'storefront-bff')
    .option('-p, --port <port>', 'port to listen on (0 = any free port)', '8080')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--seed <n>', 'seed of the generated catalogue, customers and orders', '42')
    .option('--fault <id>', 'switch on a deliberate contract violation (repeatable; see --list-faults)', collect, [])
    .option('--list-faults', 'print the fault catalogue with each fault\'s clause and exit')
    .option('--mode <key=value>', "pick another of the contract's free choices, e.g. outOfRange=clamp (repeatable)", collect, [])
    .option('--rate-limit <family=n>', 'requests per window for a route family: default, search, auth, windowMs (repeatable)', collect, [])
    .option('--token-ttl <seconds>', 'lifetime of issued access tokens')
    .addOption(new Option('--tokens-file <path>', 'write the service token and an expired token to this JSON file (for `run --base-url` against this server)'))
    .addHelpText(
      'after',
      `
Test customers: customer@example.com / SecurePassword123!  and  second@example.com / SecondPassword456!
Any non-empty gRecaptchaResponse is accepted (storefront-bff).
storefront-v2: the same customers; the test OTP is 123456, the test card 4111 1111 1111 1111.

Examples:
  storefront-check serve --port 8080
  storefront-check serve --fault pag-duplicate-across-pages      then: storefront-check --env local
  storefront-check serve --mode outOfRange=clamp --mode foreignResource=404
  storefront-check serve --pack storefront-v2 --fault v2-pag-duplicate-across-pages
  storefront-check serve --pack storefront-v2 --list-faults`,
    )
    .action(async (opts) => {
      const pack = servedPack(String(opts.pack));
      if (opts.listFaults) {
        printFaults(process.stdout, pack === 'storefront-v2' ? V2_FAULTS : FAULTS);
        return;
      }
      const parsed = serveInput.safeParse(opts);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UsageError(`--${String(issue.path[0]).replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}: ${issue.message}`);
      }
      const start: StartOptions = {
        port: parsed.data.port,
        host: parsed.data.host,
        seed: parsed.data.seed,
        faults: opts.fault,
        modes: parseModes(opts.mode),
        rateLimits: parseRateLimits(opts.rateLimit),
        tokenTtlSeconds: parsed.data.tokenTtl,
      };
      let server: { url: string; close(): Promise<void>; serviceToken?: string; mintExpiredToken(): Promise<string> };
      try {
        if (pack === 'storefront-v2') {
          const { startV2Server } = await import('../../server/v2/index.js');
          server = await startV2Server({ ...start, modes: start.modes as Partial<V2Modes> });
        } else {
          const { startServer } = await import('../../server/index.js');
          server = await startServer(start);
        }
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (e.code === 'EADDRINUSE') throw new UsageError(`port ${start.port} is already in use: pick another with --port`);
        throw new UsageError((e.message ?? String(e)).split('\n')[0]);
      }
      if (opts.tokensFile) {
        const tokens = { ...(server.serviceToken ? { serviceToken: server.serviceToken } : {}), expiredToken: await server.mintExpiredToken() };
        writeFileSync(opts.tokensFile, JSON.stringify(tokens, null, 2) + '\n', { mode: 0o600 });
      }
      const faults = start.faults?.length ? ` with faults: ${start.faults.join(', ')}` : '';
      process.stderr.write(`storefront-check reference server (${pack}) listening on ${server.url}${faults}\n`);
      process.stderr.write('Press Ctrl-C to stop.\n');
      await new Promise<void>((resolve) => {
        const stop = () => {
          server.close().then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
