// --emit-k8s (a k6-operator TestRun + the ConfigMap of scripts and data, parsed back from YAML)
// and --gen-data (seeded faker test data, deterministic, without secrets).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadDir, scriptFiles } from '../src/load/catalogue.js';
import { buildManifests, flattenImports, flatKey } from '../src/load/k8s.js';
import { generateTestData, searchWords } from '../src/load/test-data.js';
import { runLoadCommand, type LoadCommandInput } from '../src/load/index.js';

const sink = () => {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } });
  return { stream, text: () => text };
};

const baseInput: LoadCommandInput = {
  config: {},
  profile: 'average',
  thresholds: [],
  seed: 42,
  discountCodes: [],
  dryRun: false,
  parallelism: 1,
  k8sImage: 'grafana/k6:1.3.0',
  k8sSecret: 'storefront-check-load',
};

const names = ['Oak Dining Table', 'Linen Sofa Cover', 'Rattan Armchair', 'Velvet Sofa', 'Oak Bookshelf'];

describe('test data generation', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateTestData({ seed: 7, emails: ['a@example.com'], productNames: names, validDiscountCodes: ['SAVE20'] });
    const b = generateTestData({ seed: 7, emails: ['a@example.com'], productNames: names, validDiscountCodes: ['SAVE20'] });
    const c = generateTestData({ seed: 8, emails: ['a@example.com'], productNames: names, validDiscountCodes: ['SAVE20'] });
    expect(a).toEqual(b);
    expect(a.addresses).not.toEqual(c.addresses);
  });

  it('names password env vars, never passwords; searches the catalogue\'s own words; AU addresses', () => {
    const d = generateTestData({ seed: 42, emails: ['a@example.com', 'b@example.com'], productNames: names, validDiscountCodes: ['SAVE20'] });
    expect(d.accounts).toEqual([
      { email: 'a@example.com', passwordEnv: 'STOREFRONT_CUSTOMER_PASSWORD' },
      { email: 'b@example.com', passwordEnv: 'STOREFRONT_CUSTOMER2_PASSWORD' },
    ]);
    expect(JSON.stringify(d)).not.toMatch(/"password"/);
    const words = searchWords(names);
    expect(words).toEqual(['armchair', 'bookshelf', 'cover', 'dining', 'linen', 'rattan', 'sofa', 'table', 'velvet']);
    expect(d.searchTerms.filter((t) => words.includes(t)).sort()).toEqual(words);
    expect(d.discountCodes[0]).toEqual({ code: 'SAVE20', valid: true });
    expect(d.discountCodes.slice(1).every((c) => !c.valid && /^ZZ[A-Z0-9]{8}$/.test(c.code))).toBe(true);
    for (const a of d.addresses) {
      expect(a.country).toBe('AU');
      expect(a.postcode).toMatch(/^\d{4}$/);
    }
  });

  it('the shipped load/test-data.json has the generated shape and no secrets', () => {
    const shipped = JSON.parse(readFileSync(join(loadDir(), 'test-data.json'), 'utf8'));
    expect(Object.keys(shipped).sort()).toEqual(['$comment', 'accounts', 'addresses', 'discountCodes', 'searchTerms']);
    expect(shipped.accounts.every((a: { passwordEnv?: string; password?: string }) => a.passwordEnv && !a.password)).toBe(true);
  });
});

describe('--emit-k8s', () => {
  it('flattens load/ into ConfigMap keys and rewrites relative imports to match', () => {
    expect(flatKey('actions/login.ts')).toBe('actions.login.ts');
    expect(flattenImports('actions/login.ts', "import { send } from '../lib/http.ts';\nimport { settings } from '../config.ts';")).toBe(
      "import { send } from './lib.http.ts';\nimport { settings } from './config.ts';",
    );
  });

  it('writes a TestRun and a self-contained ConfigMap; secrets only by Secret reference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-k8s-'));
    const data = join(dir, 'data.json');
    writeFileSync(data, JSON.stringify(generateTestData({ seed: 1, emails: ['qa@example.com'], productNames: names })));
    const err = sink();
    const code = await runLoadCommand(
      { ...baseInput, config: { baseUrl: 'https://storefront.staging.api.templeandwebster.com' }, data, emitK8s: join(dir, 'k8s'), parallelism: 4, rate: 20 },
      {
        env: { STOREFRONT_CUSTOMER_EMAIL: 'qa@example.com', STOREFRONT_CUSTOMER_PASSWORD: 'Sup3r-Secret-Pw', STOREFRONT_RECAPTCHA_TOKEN: 'captcha-secret' },
        cwd: dir,
        stdout: sink().stream,
        stderr: err.stream,
      },
    );
    expect(code).toBe(0);
    const testRunText = readFileSync(join(dir, 'k8s', 'testrun.yaml'), 'utf8');
    const configMapText = readFileSync(join(dir, 'k8s', 'configmap.yaml'), 'utf8');
    for (const text of [testRunText, configMapText, err.text()]) {
      expect(text).not.toContain('Sup3r-Secret-Pw');
      expect(text).not.toContain('captcha-secret');
    }

    const testRun = parse(testRunText);
    expect(testRun).toMatchObject({
      apiVersion: 'k6.io/v1alpha1',
      kind: 'TestRun',
      metadata: { name: 'storefront-check-average' },
      spec: {
        parallelism: 4,
        script: { configMap: { name: 'storefront-check-average-scripts', file: 'main.ts' } },
        runner: { image: 'grafana/k6:1.3.0' },
      },
    });
    expect(testRun.spec.arguments).toContain('--include-system-env-vars');
    const env = Object.fromEntries(testRun.spec.runner.env.map((e: { name: string; value?: string; valueFrom?: unknown }) => [e.name, e.value ?? e.valueFrom]));
    expect(env).toMatchObject({
      STOREFRONT_BASE_URL: 'https://storefront.staging.api.templeandwebster.com',
      STOREFRONT_LOAD_PROFILE: 'average',
      STOREFRONT_LOAD_RATE: '20',
      STOREFRONT_LOAD_DATA: '/test/test-data.json',
      STOREFRONT_CUSTOMER_PASSWORD: { secretKeyRef: { name: 'storefront-check-load', key: 'customer-password', optional: true } },
      STOREFRONT_RECAPTCHA_TOKEN: { secretKeyRef: { name: 'storefront-check-load', key: 'recaptcha-token', optional: true } },
    });

    const configMap = parse(configMapText);
    expect(configMap).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'storefront-check-average-scripts' } });
    const keys = Object.keys(configMap.data);
    for (const file of scriptFiles()) expect(keys).toContain(flatKey(file));
    expect(keys.every((k) => /^[-._a-zA-Z0-9]+$/.test(k))).toBe(true);
    expect(JSON.parse(configMap.data['test-data.json']).accounts).toEqual([{ email: 'qa@example.com', passwordEnv: 'STOREFRONT_CUSTOMER_PASSWORD' }]);
    // every relative import of every script names a key of the ConfigMap: the flat layout runs
    for (const [key, text] of Object.entries(configMap.data as Record<string, string>)) {
      if (!key.endsWith('.ts')) continue;
      for (const m of text.matchAll(/from\s+'(\.[^']+)'/g)) {
        expect(m[1].startsWith('./'), `${key}: ${m[1]}`).toBe(true);
        expect(keys, `${key} imports ${m[1]}`).toContain(m[1].slice(2));
      }
    }
  });

  it('refuses the embedded target: the cluster cannot reach it', async () => {
    await expect(
      runLoadCommand({ ...baseInput, emitK8s: '/tmp/never' }, { env: {}, cwd: tmpdir(), stdout: sink().stream, stderr: sink().stream }),
    ).rejects.toThrow(/--emit-k8s needs a target the cluster can reach/);
  });

  it('builds manifests with a namespace and the Secret name given', () => {
    const m = buildManifests({
      name: 'sc-soak', namespace: 'qa', parallelism: 2, image: 'grafana/k6:1.3.0', secretName: 'my-secret',
      files: scriptFiles(), loadDir: loadDir(), testData: '{}', settings: { STOREFRONT_LOAD_PROFILE: 'soak' },
    });
    expect(m.testRun).toMatchObject({ metadata: { name: 'sc-soak', namespace: 'qa' }, spec: { parallelism: 2 } });
    expect(JSON.stringify(m.testRun)).toContain('"my-secret"');
  });
});
