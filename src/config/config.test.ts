// ENV-01 resolution and the flags > environment > file precedence, table-driven.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { resolveConfig, secretValues } from './index.js';

const emptyDir = () => mkdtempSync(join(tmpdir(), 'sfc-config-'));

describe('ENV-01 target resolution', () => {
  const cases: Array<[string, { env?: string; baseUrl?: string }, string, string | undefined, boolean]> = [
    ['dev', { env: 'dev' }, 'development', 'https://storefront.dev.api.templeandwebster.com', false],
    ['development', { env: 'development' }, 'development', 'https://storefront.dev.api.templeandwebster.com', false],
    ['staging', { env: 'staging' }, 'staging', 'https://storefront.staging.api.templeandwebster.com', false],
    ['prod', { env: 'prod' }, 'production', 'https://storefront.api.templeandwebster.com', true],
    ['production', { env: 'PRODUCTION' }, 'production', 'https://storefront.api.templeandwebster.com', true],
    ['local', { env: 'local' }, 'local', 'http://localhost:8080', false],
    ['base URL overrides env', { env: 'staging', baseUrl: 'http://127.0.0.1:9999/' }, 'staging', 'http://127.0.0.1:9999', false],
    ['custom base URL', { baseUrl: 'http://127.0.0.1:18080' }, 'custom', 'http://127.0.0.1:18080', false],
    ['production host by URL', { baseUrl: 'https://storefront.api.templeandwebster.com' }, 'custom', 'https://storefront.api.templeandwebster.com', true],
    ['neither: embedded', {}, 'embedded', undefined, false],
  ];
  it.each(cases)('%s', (_name, flags, env, baseUrl, production) => {
    const config = resolveConfig(flags, {}, emptyDir());
    expect(config.target).toEqual(baseUrl ? { env, baseUrl, production } : { env, production });
    expect(config.readOnly).toBe(production);
  });

  it.each([
    [{ env: 'qa' }, /unknown environment 'qa': use one of .*prod.*staging.*dev.*local/],
    [{ baseUrl: 'not a url' }, /base URL 'not a url' is not a valid URL/],
    [{ baseUrl: 'ftp://example.com' }, /must use http or https/],
    [{ timeout: 'abc' }, /--timeout must be a whole number/],
  ])('rejects %o with one line', (flags, message) => {
    expect(() => resolveConfig(flags, {}, emptyDir())).toThrow(message);
    try {
      resolveConfig(flags, {}, emptyDir());
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});

describe('precedence: flags > environment > config file', () => {
  it('reads the config file, then lets variables and flags override it', () => {
    const dir = emptyDir();
    writeFileSync(
      join(dir, 'storefront-check.config.json'),
      JSON.stringify({ env: 'staging', apiVersion: 'v1.1', timeoutMs: 5000, customer: { email: 'a@x.io', password: 'file-pw' } }),
    );
    const fromFile = resolveConfig({}, {}, dir);
    expect(fromFile.target.env).toBe('staging');
    expect(fromFile.apiVersion).toBe('v1.1');
    expect(fromFile.timeoutMs).toBe(5000);
    expect(fromFile.secrets.customer).toEqual({ email: 'a@x.io', password: 'file-pw' });

    const env = { STOREFRONT_BASE_URL: 'http://127.0.0.1:1234', STOREFRONT_API_VERSION: 'v2.0', STOREFRONT_CUSTOMER_EMAIL: 'b@x.io', STOREFRONT_CUSTOMER_PASSWORD: 'env-pw' };
    const fromEnv = resolveConfig({}, env, dir);
    expect(fromEnv.target).toEqual({ env: 'custom', baseUrl: 'http://127.0.0.1:1234', production: false });
    expect(fromEnv.apiVersion).toBe('v2.0');
    expect(fromEnv.secrets.customer?.password).toBe('env-pw');

    const fromFlags = resolveConfig({ env: 'dev', apiVersion: 'v1.0', timeout: '2000' }, env, dir);
    expect(fromFlags.target.env).toBe('development');
    expect(fromFlags.apiVersion).toBe('v1.0');
    expect(fromFlags.timeoutMs).toBe(2000);
  });

  it.each([
    ['{ not json', /is not valid JSON/],
    [JSON.stringify({ timeoutMs: 'soon' }), /'timeoutMs' .*number/],
    [JSON.stringify({ baseURL: 'http://x' }), /unknown key 'baseURL'/],
    [JSON.stringify({ customer: { email: 'a@x.io' } }), /'customer.password'/],
  ])('an invalid config file %s gives one line naming the key', (content, message) => {
    const dir = emptyDir();
    writeFileSync(join(dir, 'storefront-check.config.json'), content);
    expect(() => resolveConfig({}, {}, dir)).toThrow(message);
  });

  it('a half-set credential pair names the missing variable', () => {
    expect(() => resolveConfig({}, { STOREFRONT_CUSTOMER_EMAIL: 'a@x.io' }, emptyDir())).toThrow(/STOREFRONT_CUSTOMER_PASSWORD is not set/);
  });

  it('an explicit --config that does not exist is an error', () => {
    expect(() => resolveConfig({ config: 'nope.json' }, {}, emptyDir())).toThrow(/does not exist/);
  });

  it('reads a discount code the target accepts', () => {
    expect(resolveConfig({}, { STOREFRONT_DISCOUNT_CODE: 'SAVE20' }, emptyDir()).discountCode).toBe('SAVE20');
    expect(resolveConfig({}, {}, emptyDir()).discountCode).toBeUndefined();
  });

  it('collects every secret for redaction', () => {
    const config = resolveConfig({}, { STOREFRONT_CUSTOMER_EMAIL: 'a@x.io', STOREFRONT_CUSTOMER_PASSWORD: 'pw1', STOREFRONT_SERVICE_TOKEN: 'svc', STOREFRONT_RECAPTCHA_TOKEN: 'cap' }, emptyDir());
    expect(secretValues(config).sort()).toEqual(['cap', 'pw1', 'svc']);
  });
});
