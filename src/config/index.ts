// Resolves the configuration once, at the edge: flags > environment variables >
// storefront-check.config.json, validated with zod. Errors are one line naming the bad key
// and the valid form (ConfigError → exit 2).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { builtInPacks, isPackPath } from '../contract/load.js';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { resolveTarget } from './environments.js';
import type { ResolvedConfig, Secrets } from './types.js';

export type { ResolvedConfig } from './types.js';

export const CONFIG_FILE = 'storefront-check.config.json';
const API_VERSION = /^v\d+\.\d+$/;

export interface ConfigFlags {
  env?: string;
  baseUrl?: string;
  config?: string;
  apiVersion?: string;
  timeout?: string | number;
  /** --max-body: bytes, or with a unit: 512kB, 10MB */
  maxBody?: string | number;
  concurrency?: string | number;
  readOnly?: boolean;
  /** --deadline: the whole run's, a duration such as 90s, 5m, 1h */
  deadline?: string;
  pack?: string;
  environments?: string;
}

const credentials = z.strictObject({ email: z.string().min(1), password: z.string().min(1) });

/** Checks in flight at once: sized for a target tens of milliseconds away, not for the CPU count. */
export const DEFAULT_CONCURRENCY = 16;

const fileSchema = z.strictObject({
  $schema: z.string().optional(),
  env: z.string().optional(),
  baseUrl: z.string().optional(),
  pack: z.string().min(1).optional(),
  environments: z.string().min(1).optional(),
  apiVersion: z.string().regex(API_VERSION, 'must look like v1.0').optional(),
  timeoutMs: z.number().int().positive().optional(),
  maxBodyBytes: z.number().int().min(1024).optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  readOnly: z.boolean().optional(),
  /** the whole run's deadline, as --deadline: '90s', '5m', '1h' */
  deadline: z.string().regex(/^\s*\d+(?:\.\d+)?\s*(?:ms|s|m|h)\s*$/i, "must be a duration such as '90s', '5m' or '1h'").optional(),
  customer: credentials.optional(),
  customer2: credentials.optional(),
  recaptchaToken: z.string().min(1).optional(),
  serviceToken: z.string().min(1).optional(),
  expiredToken: z.string().min(1).optional(),
  discountCode: z.string().min(1).optional(),
  /** several codes the target accepts, each judged on the run's own cart (as STOREFRONT_DISCOUNT_CODES) */
  discountCodes: z.array(z.string().min(1)).optional(),
  /** shipped or delivered orders of the test customer a refused-cancel check may send its cancel to (as STOREFRONT_SHIPPED_ORDERS) */
  shippedOrders: z.array(z.string().min(1)).optional(),
  /** ENV-02: more hosts to treat as production (host names, IP literals, host:port) */
  productionHosts: z.array(z.string().min(1)).optional(),
  otpCode: z.string().min(1).optional(),
  testCard: z.string().regex(/^[0-9 -]{12,23}$/, 'must be a card number (digits, spaces or dashes allowed)').optional(),
  rateLimitProbe: z
    .strictObject({
      maxRequests: z.number().int().min(1).max(300),
      maxSeconds: z.number().positive().max(10),
    })
    .optional(),
});
type FileConfig = z.infer<typeof fileSchema>;

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.join('.') || '(top level)';
  if (issue.code === 'unrecognized_keys') return `unknown key '${issue.keys.join("', '")}'`;
  return `'${key}' ${issue.message}`;
}

function readConfigFile(path: string | undefined, cwd: string): { file?: string; data: FileConfig } {
  const explicit = path !== undefined;
  const file = resolve(cwd, path ?? CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicit) throw new ConfigError(`config file ${file} does not exist: check the --config path`);
    return { data: {} };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file} is not valid JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`${file}: ${describeIssue(parsed.error.issues[0])}`);
  }
  return { file, data: parsed.data };
}

/**
 * The pack: a built-in name, or a folder resolved here, once (suite workers may run from another
 * directory): a flag's or variable's path against the working directory, a config file's against
 * the file's directory.
 */
function resolvePack(given: string | undefined, fromFile: string | undefined, file: string | undefined, cwd: string): string {
  const raw = given ?? fromFile ?? 'storefront-bff';
  if (isPackPath(raw)) {
    const dir = resolve(given === undefined && file ? dirname(file) : cwd, raw);
    if (!existsSync(join(dir, 'pack.yaml'))) throw new ConfigError(`contract pack folder ${dir} has no pack.yaml: give a folder like schemas/storefront-v2 (copied), or a built-in pack: ${builtInPacks().join(', ')}`);
    return dir;
  }
  if (!builtInPacks().includes(raw)) throw new ConfigError(`unknown contract pack '${raw}': use one of ${builtInPacks().join(', ')}, or a folder path such as ./my-pack`);
  return raw;
}

/**
 * A comma-separated list from the environment (STOREFRONT_DISCOUNT_CODES 'WELCOME10,SAVE20',
 * STOREFRONT_SHIPPED_ORDERS 'ord-0003,ord-0007') or the file's list: no empty entry, none twice.
 */
export function idList(raw: string | string[] | undefined, source: string): string[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  const items = typeof raw === 'string' ? raw.split(',').map((c) => c.trim()) : raw;
  if (items.some((c) => c === '')) throw new ConfigError(`${source} has an empty entry: give values separated by commas, e.g. ${/ORDER/i.test(source) ? 'ord-0003,ord-0007' : 'WELCOME10,SAVE20'}`);
  const twice = items.find((c, i) => items.indexOf(c) !== i);
  if (twice !== undefined) throw new ConfigError(`${source} names '${twice}' twice: list each value once`);
  return items;
}

/** The well-known Visa test number: Luhn-valid, never a real card. */
export const DEFAULT_TEST_CARD = '4111111111111111';

/** STOREFRONT_TEST_CARD: digits (spaces and dashes allowed) passing the Luhn check. */
function testCard(raw: string | undefined): string {
  if (raw === undefined) return DEFAULT_TEST_CARD;
  const digits = raw.replace(/[ -]/g, '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  if (!/^[0-9]{12,19}$/.test(digits) || sum % 10 !== 0) {
    throw new ConfigError(`STOREFRONT_TEST_CARD must be a Luhn-valid test card number of 12 to 19 digits, e.g. ${DEFAULT_TEST_CARD}`);
  }
  return digits;
}

function positiveInt(value: string | number | undefined, flag: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new ConfigError(`${flag} must be a whole number from 1 to ${max} (got '${value}')`);
  }
  return n;
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 };
export const DEFAULT_MAX_BODY = 10 * 1024 ** 2;

/** '10MB', '512kB', '1048576' → bytes (binary units); at least 1 kB so evidence stays readable. */
export function parseSize(value: string | number | undefined, flag: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(String(value));
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  const bytes = m && unit ? Math.round(Number(m[1]) * unit) : NaN;
  if (!Number.isFinite(bytes) || bytes < 1024) {
    throw new ConfigError(`${flag} must be a size of at least 1kB, e.g. 10MB, 512kB or 1048576 (got '${value}')`);
  }
  return bytes;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** '90s', '5m', '1.5h', '500ms' → milliseconds; a unit is required (a bare number could mean either). */
export function parseDuration(value: string | undefined, flag: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/i.exec(value);
  const ms = m ? Math.round(Number(m[1]) * DURATION_UNITS[m[2].toLowerCase()]) : NaN;
  if (!Number.isFinite(ms) || ms < 1) throw new ConfigError(`${flag} must be a duration such as 90s, 5m or 1h (got '${value}')`);
  return ms;
}

function pair(email: string | undefined, password: string | undefined, prefix: string) {
  if (!email && !password) return undefined;
  if (!email || !password) {
    const missing = email ? `${prefix}_PASSWORD` : `${prefix}_EMAIL`;
    throw new ConfigError(`${missing} is not set: set both ${prefix}_EMAIL and ${prefix}_PASSWORD, or neither`);
  }
  return { email, password };
}

export function resolveConfig(
  flags: ConfigFlags,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): ResolvedConfig {
  const { file, data } = readConfigFile(flags.config, cwd);

  // The first source (flags, then environment, then file) that names a target decides it;
  // within one source --base-url overrides --env (ENV-01).
  const sources: Array<{ env?: string; baseUrl?: string }> = [
    { env: flags.env, baseUrl: flags.baseUrl },
    { env: env.STOREFRONT_ENV, baseUrl: env.STOREFRONT_BASE_URL },
    { env: data.env, baseUrl: data.baseUrl },
  ];
  const chosen = sources.find((s) => s.env || s.baseUrl) ?? sources[0];
  // ENV-02: hosts declared production in any source all count (a declaration only ever adds safety)
  const productionHosts = [
    ...(env.STOREFRONT_PRODUCTION_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    ...(data.productionHosts ?? []),
  ];
  const pack = resolvePack(flags.pack ?? env.STOREFRONT_PACK, data.pack, file, cwd);
  const userEnvs = flags.environments ?? data.environments;
  const environmentsFile = userEnvs ? resolve(flags.environments ? cwd : file ? dirname(file) : cwd, userEnvs) : undefined;
  const target = resolveTarget(chosen.env, chosen.baseUrl, pack, productionHosts, environmentsFile);

  const apiVersion = flags.apiVersion ?? env.STOREFRONT_API_VERSION ?? data.apiVersion ?? 'v1.0';
  if (!API_VERSION.test(apiVersion)) {
    throw new ConfigError(`API version '${apiVersion}' must look like v{major}.{minor}, e.g. v1.0`);
  }

  const secrets: Secrets = {
    customer:
      pair(env.STOREFRONT_CUSTOMER_EMAIL, env.STOREFRONT_CUSTOMER_PASSWORD, 'STOREFRONT_CUSTOMER') ?? data.customer,
    customer2:
      pair(env.STOREFRONT_CUSTOMER2_EMAIL, env.STOREFRONT_CUSTOMER2_PASSWORD, 'STOREFRONT_CUSTOMER2') ??
      data.customer2,
    recaptchaToken: env.STOREFRONT_RECAPTCHA_TOKEN || data.recaptchaToken,
    serviceToken: env.STOREFRONT_SERVICE_TOKEN || data.serviceToken,
    expiredToken: env.STOREFRONT_EXPIRED_TOKEN || data.expiredToken,
  };

  return {
    pack,
    ...(environmentsFile ? { environmentsFile } : {}),
    target,
    secrets,
    apiVersion,
    timeoutMs: positiveInt(flags.timeout, '--timeout', 300_000) ?? data.timeoutMs ?? 10_000,
    maxBodyBytes: parseSize(flags.maxBody, '--max-body') ?? data.maxBodyBytes ?? DEFAULT_MAX_BODY,
    concurrency: positiveInt(flags.concurrency, '--concurrency', 64) ?? data.concurrency ?? DEFAULT_CONCURRENCY,
    readOnly: Boolean(flags.readOnly ?? data.readOnly ?? false) || target.production,
    deadlineMs: parseDuration(flags.deadline, '--deadline') ?? parseDuration(data.deadline, 'deadline'),
    rateLimitProbe: data.rateLimitProbe ?? { maxRequests: 300, maxSeconds: 10 },
    discountCode: env.STOREFRONT_DISCOUNT_CODE || data.discountCode,
    discountCodes: idList(env.STOREFRONT_DISCOUNT_CODES, 'STOREFRONT_DISCOUNT_CODES') ?? idList(data.discountCodes, `'discountCodes' of ${file ?? CONFIG_FILE}`),
    shippedOrders: idList(env.STOREFRONT_SHIPPED_ORDERS, 'STOREFRONT_SHIPPED_ORDERS') ?? idList(data.shippedOrders, `'shippedOrders' of ${file ?? CONFIG_FILE}`),
    otpCode: env.STOREFRONT_OTP_CODE || data.otpCode,
    testCard: testCard(env.STOREFRONT_TEST_CARD || data.testCard),
    configFile: file,
  };
}

/** Every secret value in the configuration, for redaction. */
export function secretValues(config: ResolvedConfig): string[] {
  const s = config.secrets;
  return [
    s.customer?.password,
    s.customer2?.password,
    s.recaptchaToken,
    s.serviceToken,
    s.expiredToken,
    config.otpCode,
  ].filter((v): v is string => typeof v === 'string' && v.length > 0);
}
