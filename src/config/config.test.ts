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

describe('ENV-02: one production decision from the normalised URL', () => {
  const prod = 'storefront.api.templeandwebster.com';
  it.each([
    [`https://${prod}.`, true],
    [`https://${prod}..`, true],
    [`https://${prod.toUpperCase()}:443/`, true],
    [`http://${prod}:80`, true],
    [`https://${prod}:8443`, true],
    [`https://storefront%2Eapi.templeandwebster.com`, true],
    [`https://user@${prod}./v1`, true],
    ['https://storefront.staging.api.templeandwebster.com', false],
    [`https://${prod}.evil.example`, false],
  ])('%s → production %s', (baseUrl, production) => {
    expect(resolveConfig({ baseUrl }, {}, emptyDir()).target.production).toBe(production);
  });

  it.each([
    ['10.0.0.5', 'http://10.0.0.5:8080', true],
    ['10.0.0.5', 'http://0x0a.0.0.5', true], // same IPv4 address in another spelling
    ['10.0.0.5', 'http://10.0.0.6', false],
    ['[::1]:8443', 'https://[0:0:0:0:0:0:0:1]:8443', true],
    ['[::1]:8443', 'https://[::1]:9443', false],
    ['API.Example.COM.', 'https://api.example.com', true],
    ['https://api.example.com', 'https://api.example.com:443/x', true],
    ['https://api.example.com', 'http://api.example.com', false], // a URL entry names its port
  ])('declared %s makes %s production: %s', (declared, baseUrl, production) => {
    expect(resolveConfig({ baseUrl }, { STOREFRONT_PRODUCTION_HOSTS: `other.example, ${declared}` }, emptyDir()).target.production).toBe(production);
    const dir = emptyDir();
    writeFileSync(join(dir, 'storefront-check.config.json'), JSON.stringify({ productionHosts: [declared] }));
    const config = resolveConfig({ baseUrl }, {}, dir);
    expect(config.target.production).toBe(production);
    expect(config.readOnly).toBe(production);
  });

  it('an unreadable declared host is one line naming the entry', () => {
    expect(() => resolveConfig({ baseUrl: 'http://127.0.0.1:1' }, { STOREFRONT_PRODUCTION_HOSTS: 'http://' }, emptyDir())).toThrow(
      /production host 'http:\/\/' is not a host name/,
    );
  });
});

describe('--max-body', () => {
  it.each([
    [undefined, 10 * 1024 ** 2],
    ['2MB', 2 * 1024 ** 2],
    ['512kB', 512 * 1024],
    ['4096', 4096],
  ])('%s → %d bytes', (maxBody, bytes) => {
    expect(resolveConfig({ maxBody }, {}, emptyDir()).maxBodyBytes).toBe(bytes);
  });
  it.each(['lots', '10', '5 parsecs'])('rejects %s with one line', (maxBody) => {
    expect(() => resolveConfig({ maxBody }, {}, emptyDir())).toThrow(/--max-body must be a size of at least 1kB/);
  });
});

describe('--deadline', () => {
  it.each([
    [undefined, undefined],
    ['90s', 90_000],
    ['5m', 300_000],
    ['1.5h', 5_400_000],
    ['500ms', 500],
  ])('%s → %s ms', (deadline, ms) => {
    expect(resolveConfig({ deadline }, {}, emptyDir()).deadlineMs).toBe(ms);
  });
  it.each(['90', 'soon', '5 parsecs', '0s'])('rejects %s with one line', (deadline) => {
    expect(() => resolveConfig({ deadline }, {}, emptyDir())).toThrow(/^--deadline must be a duration such as 90s, 5m or 1h \(got '.*'\)$/);
  });
  it('is read from the config file too, the flag first', () => {
    const dir = emptyDir();
    writeFileSync(join(dir, 'storefront-check.config.json'), JSON.stringify({ deadline: '2m' }));
    expect(resolveConfig({}, {}, dir).deadlineMs).toBe(120_000);
    expect(resolveConfig({ deadline: '10s' }, {}, dir).deadlineMs).toBe(10_000);
    writeFileSync(join(dir, 'storefront-check.config.json'), JSON.stringify({ deadline: 'never' }));
    expect(() => resolveConfig({}, {}, dir)).toThrow(/'deadline' must be a duration such as '90s', '5m' or '1h'/);
  });
});

describe('--pack and the environments of a pack', () => {
  it('a built-in pack by name; an unknown one is one line listing the packs', () => {
    expect(resolveConfig({ pack: 'storefront-v2' }, {}, emptyDir()).pack).toBe('storefront-v2');
    expect(() => resolveConfig({ pack: 'storefront-v3' }, {}, emptyDir())).toThrow(/unknown contract pack 'storefront-v3': use one of storefront-bff, storefront-v2/);
    expect(() => resolveConfig({ pack: './no-such-pack' }, {}, emptyDir())).toThrow(ConfigError);
  });

  it('--env with a pack that names no environments is a usage error pointing to --base-url', () => {
    expect(() => resolveConfig({ pack: 'storefront-v2', env: 'staging' }, {}, emptyDir())).toThrow(/pack storefront-v2 names no environments; give --base-url/);
    expect(resolveConfig({ pack: 'storefront-v2', baseUrl: 'http://127.0.0.1:9' }, {}, emptyDir()).target).toEqual({ env: 'custom', baseUrl: 'http://127.0.0.1:9', production: false });
  });

  it("a user's environments file names environments, and may mark one production (read-only)", () => {
    const dir = emptyDir();
    writeFileSync(join(dir, 'envs.yaml'), 'environments:\n  live: { baseUrl: "https://api.example.com", aliases: [prod], production: true }\n  qa: { baseUrl: "https://qa.example.com" }\n');
    const live = resolveConfig({ pack: 'storefront-v2', env: 'prod', environments: 'envs.yaml' }, {}, dir);
    expect(live.target).toEqual({ env: 'live', baseUrl: 'https://api.example.com', production: true });
    expect(live.readOnly).toBe(true);
    expect(resolveConfig({ pack: 'storefront-v2', env: 'qa', environments: join(dir, 'envs.yaml') }, {}, dir).readOnly).toBe(false);
    // the production host stays read-only when given as a base URL
    expect(resolveConfig({ pack: 'storefront-v2', baseUrl: 'https://api.example.com/', environments: 'envs.yaml' }, {}, dir).target.production).toBe(true);
    writeFileSync(join(dir, 'bad.yaml'), 'environments:\n  qa: { url: "https://qa.example.com" }\n');
    expect(() => resolveConfig({ pack: 'storefront-v2', env: 'qa', environments: 'bad.yaml' }, {}, dir)).toThrow(/bad\.yaml: 'environments\.qa\.baseUrl'/);
  });

  it('STOREFRONT_TEST_CARD defaults to a Luhn-valid test number; a non-Luhn one is refused', () => {
    expect(resolveConfig({}, {}, emptyDir()).testCard).toBe('4111111111111111');
    expect(resolveConfig({}, { STOREFRONT_TEST_CARD: '5555 5555 5555 4444', STOREFRONT_OTP_CODE: '123456' }, emptyDir())).toMatchObject({ testCard: '5555555555554444', otpCode: '123456' });
    expect(() => resolveConfig({}, { STOREFRONT_TEST_CARD: '4111111111111112' }, emptyDir())).toThrow(/Luhn-valid/);
  });
});
