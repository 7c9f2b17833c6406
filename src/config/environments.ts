// ENV-01: turns --env / --base-url into a target, from the pack's environments table
// (schemas/<pack>/environments.yaml). ENV-02: the one production decision of a run, made here
// once from the normalised URL (host case, trailing dots, default ports, IP literal forms) and
// the hosts the user declares as production; every command reads target.production.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from '../errors.js';
import { packageRoot } from './package-root.js';
import type { EnvName, ResolvedTarget } from './types.js';

interface EnvironmentEntry {
  baseUrl: string;
  aliases: string[];
  production?: boolean;
}

const tables = new Map<string, Record<EnvName, EnvironmentEntry>>();

export function environments(pack = 'storefront-bff'): Record<EnvName, EnvironmentEntry> {
  let table = tables.get(pack);
  if (!table) {
    const file = join(packageRoot(), 'schemas', pack, 'environments.yaml');
    table = (parse(readFileSync(file, 'utf8')) as { environments: Record<EnvName, EnvironmentEntry> }).environments;
    tables.set(pack, table);
  }
  return table;
}

/** Every spelling --env accepts, for help texts and error messages. */
export function envNames(pack = 'storefront-bff'): string[] {
  return Object.entries(environments(pack)).flatMap(([name, e]) => [...e.aliases, name]);
}

function lookup(name: string, pack: string): EnvName {
  const wanted = name.trim().toLowerCase();
  for (const [canonical, entry] of Object.entries(environments(pack))) {
    if (canonical === wanted || entry.aliases.includes(wanted)) return canonical as EnvName;
  }
  throw new ConfigError(`unknown environment '${name}': use one of ${envNames(pack).join(', ')}, or --base-url <url>`);
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
export function isProductionUrl(url: URL, declared: readonly string[] = [], pack = 'storefront-bff'): boolean {
  const target = hostKey(url, true);
  const known = Object.values(environments(pack))
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
): ResolvedTarget {
  const named = env ? lookup(env, pack) : undefined;
  if (baseUrl) {
    const url = parseBaseUrl(baseUrl);
    const production = isProductionUrl(url, productionHosts, pack) || Boolean(named && environments(pack)[named].production);
    return { env: named ?? 'custom', baseUrl: url.href.replace(/\/+$/, ''), production };
  }
  if (named) {
    const entry = environments(pack)[named];
    return { env: named, baseUrl: entry.baseUrl, production: Boolean(entry.production) };
  }
  return { env: 'embedded', production: false };
}
