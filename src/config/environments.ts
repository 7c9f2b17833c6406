// ENV-01: turns --env / --base-url into a target, from the pack's environments table
// (schemas/<pack>/environments.yaml). ENV-02: marks production (by name or by host) read-only.

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

function isProductionHost(url: URL, pack: string): boolean {
  return Object.values(environments(pack)).some((e) => e.production && new URL(e.baseUrl).host === url.host);
}

export function resolveTarget(env: string | undefined, baseUrl: string | undefined, pack = 'storefront-bff'): ResolvedTarget {
  const named = env ? lookup(env, pack) : undefined;
  if (baseUrl) {
    const url = parseBaseUrl(baseUrl);
    const production = isProductionHost(url, pack) || Boolean(named && environments(pack)[named].production);
    return { env: named ?? 'custom', baseUrl: url.href.replace(/\/+$/, ''), production };
  }
  if (named) {
    const entry = environments(pack)[named];
    return { env: named, baseUrl: entry.baseUrl, production: Boolean(entry.production) };
  }
  return { env: 'embedded', production: false };
}
