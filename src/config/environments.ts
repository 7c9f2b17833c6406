// ENV-01: turns --env / --base-url into a target, from the pack's environments table
// (<pack folder>/environments.yaml, which a pack may lack: the v2 docs name no hosts) merged with
// the user's own environments file (--environments / config `environments`), whose entries win.
// ENV-02: the one production decision of a run, made here once from the normalised URL (host case,
// trailing dots, default ports, IP literal forms) and the hosts the user declares as production;
// every command reads target.production.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { packDir } from '../contract/load.js';
import { ConfigError } from '../errors.js';
import type { ResolvedTarget } from './types.js';

const entrySchema = z.strictObject({
  baseUrl: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  production: z.boolean().optional(),
});
const fileSchema = z.strictObject({ environments: z.record(z.string().min(1), entrySchema) });

export type EnvironmentEntry = z.infer<typeof entrySchema>;

const tables = new Map<string, Record<string, EnvironmentEntry>>();

function readTable(file: string, label: string): Record<string, EnvironmentEntry> {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${label} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${label}: '${issue.path.join('.') || '(top level)'}' ${issue.message} (expected environments: { <name>: { baseUrl, aliases?, production? } })`);
  }
  return parsed.data.environments;
}

/** The environments of `pack` (a name or folder), with the user's file (`userFile`) merged over them. */
export function environments(pack = 'storefront-bff', userFile?: string): Record<string, EnvironmentEntry> {
  const key = `${pack}\u0000${userFile ?? ''}`;
  let table = tables.get(key);
  if (!table) {
    const own = join(packDir(pack), 'environments.yaml');
    table = existsSync(own) ? readTable(own, `${pack}/environments.yaml`) : {};
    if (userFile) {
      const file = resolve(userFile);
      if (!existsSync(file)) throw new ConfigError(`environments file ${file} does not exist: check the --environments path`);
      table = { ...table, ...readTable(file, file) };
    }
    tables.set(key, table);
  }
  return table;
}

/** Every spelling --env accepts, for help texts and error messages. */
export function envNames(pack = 'storefront-bff', userFile?: string): string[] {
  return Object.entries(environments(pack, userFile)).flatMap(([name, e]) => [...e.aliases, name]);
}

function lookup(name: string, pack: string, userFile?: string): string {
  const wanted = name.trim().toLowerCase();
  for (const [canonical, entry] of Object.entries(environments(pack, userFile))) {
    if (canonical.toLowerCase() === wanted || entry.aliases.includes(wanted)) return canonical;
  }
  const names = envNames(pack, userFile);
  if (!names.length) {
    throw new ConfigError(`unknown environment '${name}': pack ${pack} names no environments; give --base-url <url>, or name it in your own environments file (--environments <file>)`);
  }
  throw new ConfigError(`unknown environment '${name}': use one of ${names.join(', ')}, or --base-url <url>`);
}

function parseBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`base URL '${raw}' is not a valid URL: give an absolute http(s) URL such as http://127.0.0.1:8080`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`base URL '${raw}' must use http or https, not ${url.protocol.replace(':', '')}`);
  }
  if (url.search || url.hash) {
    throw new ConfigError(`base URL '${raw}' must not carry a query or fragment`);
  }
  return url;
}

/** One host as the production decision compares it: lower case, no trailing dots, IP literals canonical. */
interface HostKey {
  hostname: string;
  /** the effective port (default port filled in); undefined = any port */
  port?: string;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

function hostKey(url: URL, withPort: boolean): HostKey {
  // URL already lower-cases, decodes %2E, maps IDNA dots and canonicalises IPv4/IPv6 literals;
  // "example.com." is the same host as "example.com" for DNS and TLS, so the dots go too.
  const hostname = url.hostname.replace(/\.+$/, '');
  return withPort ? { hostname, port: url.port || DEFAULT_PORTS[url.protocol] } : { hostname };
}

/**
 * A declared production host: 'api.example.com', '10.0.0.5', '[::1]:8443' or a whole URL.
 * A port, when given, narrows the match to that port; otherwise every port of the host counts.
 */
export function parseProductionHost(entry: string): HostKey {
  const raw = entry.trim();
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
  let url: URL;
  try {
    url = new URL(hasScheme ? raw : `http://${raw}`);
  } catch {
    throw new ConfigError(`production host '${entry}' is not a host name, IP address or URL: write e.g. api.example.com, 10.0.0.5 or [::1]:8443`);
  }
  if (!url.hostname) throw new ConfigError(`production host '${entry}' names no host: write e.g. api.example.com`);
  return hostKey(url, Boolean(url.port) || hasScheme);
}

/** ENV-02: is this base URL production, by the pack's table or by a host the user declared? */
export function isProductionUrl(url: URL, declared: readonly string[] = [], pack = 'storefront-bff', userFile?: string): boolean {
  const target = hostKey(url, true);
  const known = Object.values(environments(pack, userFile))
    .filter((e) => e.production)
    .map((e) => hostKey(new URL(e.baseUrl), false));
  return [...known, ...declared.map(parseProductionHost)].some(
    (p) => p.hostname === target.hostname && (p.port === undefined || p.port === target.port),
  );
}

/**
 * The target of a run. `productionHosts` are extra hosts the user marks as production
 * (STOREFRONT_PRODUCTION_HOSTS or the config key productionHosts), e.g. the IP literal of a
 * production load balancer, which no table could know.
 */
export function resolveTarget(
  env: string | undefined,
  baseUrl: string | undefined,
  pack = 'storefront-bff',
  productionHosts: readonly string[] = [],
  userFile?: string,
): ResolvedTarget {
  const named = env ? lookup(env, pack, userFile) : undefined;
  if (baseUrl) {
    const url = parseBaseUrl(baseUrl);
    const production = isProductionUrl(url, productionHosts, pack, userFile) || Boolean(named && environments(pack, userFile)[named]!.production);
    return { env: named ?? 'custom', baseUrl: url.href.replace(/\/+$/, ''), production };
  }
  if (named) {
    const entry = environments(pack, userFile)[named]!;
    return { env: named, baseUrl: parseBaseUrl(entry.baseUrl).href.replace(/\/+$/, ''), production: Boolean(entry.production) };
  }
  return { env: 'embedded', production: false };
}
