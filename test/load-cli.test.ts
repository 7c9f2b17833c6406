// `storefront-check load` end to end, by spawning the built CLI: the refusals (production, no k6,
// a threshold no request carries), --dry-run, and runs against the embedded reference server with
// a fake k6 (K6_BIN) that writes real k6 v1.3 output (../shared/k6-fixtures) and exits 0 or 99.
// This tests our wiring (arguments, secrets only in the environment, exit codes, the report), not k6.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ServerProcess } from './k6-shim/reference-server.js';
import { buildLoadReport, type LoadReportModel } from '../src/load-report/index.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const fixtures = resolve(repo, '../shared/k6-fixtures');
// a build of our own, so a concurrent `npm run build` (or another test's) cannot interfere;
// inside the repo so the built code finds the package root (load/, schemas/) by walking up
const buildDir = join(repo, 'node_modules', '.cache', 'storefront-check-load-cli');
const bin = join(buildDir, 'src', 'cli', 'bin.js');
const work = mkdtempSync(join(tmpdir(), 'sc-load-cli-'));
const emptyPath = mkdtempSync(join(tmpdir(), 'sc-no-k6-'));

beforeAll(() => {
  // tsc emits even when another engineer's work in progress has type errors; only the output matters
  spawnSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repo, 'tsconfig.build.json'), '--outDir', buildDir], {
    cwd: repo,
    encoding: 'utf8',
  });
  if (!existsSync(bin)) throw new Error(`the build did not produce ${bin}`);
  const missing = ['run', 'serve', 'load'].filter((c) => !existsSync(join(buildDir, 'src', 'cli', 'commands', `${c}.js`)));
  if (missing.length > 0) throw new Error(`the CLI cannot start: src/cli/commands/${missing.join('.ts, ')}.ts did not build`);
}, 120_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [bin, 'load', ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { PATH: emptyPath, HOME: work, ...env },
    timeout: 90_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stand-in for k6: copies a fixture run into the requested output files, records how it was called. */
function fakeK6(fixture: 'pass' | 'fail', exitCode: number): { path: string; record: string } {
  const dir = mkdtempSync(join(tmpdir(), `sc-fake-k6-${fixture}-`));
  const path = join(dir, 'k6');
  const record = join(dir, 'called.json');
  writeFileSync(
    path,
    `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
const after = (flag) => args[args.indexOf(flag) + 1];
fs.copyFileSync(${JSON.stringify(join(fixtures, fixture, 'summary-export.json'))}, after('--summary-export'));
fs.copyFileSync(${JSON.stringify(join(fixtures, fixture, 'out.ndjson'))}, after('--out').replace(/^json=/, ''));
const env = {};
for (const k of Object.keys(process.env)) if (k.startsWith('STOREFRONT_')) env[k] = process.env[k];
fs.writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args, env }));
process.stdout.write('fake k6 ran\\n');
process.exit(${exitCode});
`,
  );
  chmodSync(path, 0o755);
  return { path, record };
}

const QUOTE = 'Never run synthetic load tests or use fake customer data against production.';

describe('storefront-check load: refusals', () => {
  it('refuses production outright, quoting the docs (exit 2)', () => {
    for (const target of [['--env', 'prod'], ['--env', 'production'], ['--base-url', 'https://storefront.api.templeandwebster.com']]) {
      const r = cli(['--profile', 'smoke', ...target], { K6_BIN: fakeK6('pass', 0).path });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(QUOTE);
    }
  });

  it('refuses production even for --dry-run, --gen-data and --emit-k8s', () => {
    for (const extra of [['--dry-run'], ['--gen-data', join(work, 'x.json')], ['--emit-k8s', join(work, 'k8s')]]) {
      const r = cli(['--env', 'prod', ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(QUOTE);
    }
  });

  it('without k6 on PATH or K6_BIN, says how to install it (exit 2)', () => {
    const r = cli(['--profile', 'smoke']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('k6 not found: install k6 v1.x (https://grafana.com/docs/k6/latest/set-up/install-k6/');
    expect(r.stderr).toContain('set K6_BIN');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a K6_BIN that is not an executable is the same usage error', () => {
    const r = cli(['--profile', 'smoke'], { K6_BIN: join(work, 'nothing-here') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/K6_BIN=.*is not an executable file\. k6 not found: install k6 v1\.x/);
  });

  it('a threshold naming a route no request carries stops the run before k6 starts (exit 2)', () => {
    const k6 = fakeK6('pass', 0);
    const r = cli(['--profile', 'smoke', '--threshold', 'http_req_duration{name:GET /wishlist}=p(95)<200'], { K6_BIN: k6.path });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no request carries the name tag 'GET /wishlist'");
    expect(existsSync(k6.record)).toBe(false);
  });

  it('an unknown profile is a usage error naming the valid ones', () => {
    const r = cli(['--profile', 'marathon'], { K6_BIN: fakeK6('pass', 0).path });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown profile 'marathon': use one of smoke, average, stress, spike, soak, breakpoint");
  });
});

describe('storefront-check load --dry-run', () => {
  // in a child process: spawnSync blocks this one while the CLI reads the catalogue from it
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startReferenceServer({ rateLimits: { windowMs: 1000, default: 1_000_000, search: 1_000_000, auth: 1_000_000 } });
  });
  afterAll(async () => server?.close());

  it('prints the exact k6 command and the resolved options, without secrets, writes the test data it names, and runs nothing', () => {
    const k6 = fakeK6('pass', 0);
    const r = cli(
      ['--profile', 'stress', '--base-url', server.url, '--rate', '50', '--duration', '10m', '--vus', '200', '--dry-run', '--report-dir', 'out'],
      {
        K6_BIN: k6.path,
        STOREFRONT_CUSTOMER_EMAIL: 'customer@example.com',
        STOREFRONT_CUSTOMER_PASSWORD: 'Sup3r-Secret-Pw',
        STOREFRONT_RECAPTCHA_TOKEN: 'captcha-secret',
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(k6.record)).toBe(false);
    expect(r.stdout).not.toContain('Sup3r-Secret-Pw');
    expect(r.stdout).not.toContain('captcha-secret');
    const command = r.stdout.split('\n').find((l) => l.startsWith(k6.path))!;
    expect(command).toContain(`run --summary-export ${join(work, 'out', 'summary-export.json')} --out json=${join(work, 'out', 'k6-samples.ndjson')}`);
    expect(command).toContain(`-e STOREFRONT_BASE_URL=${server.url}`);
    expect(command).toContain(`-e STOREFRONT_LOAD_PROFILE=stress -e STOREFRONT_LOAD_DATA=${join(work, 'out', 'test-data.json')}`);
    expect(command).toContain('-e STOREFRONT_LOAD_RATE=50 -e STOREFRONT_LOAD_VUS=200 -e STOREFRONT_LOAD_DURATION=10m');
    expect(command.endsWith(join(repo, 'load', 'main.ts'))).toBe(true);
    expect(r.stdout).toContain('STOREFRONT_CUSTOMER_PASSWORD, STOREFRONT_RECAPTCHA_TOKEN');
    // the data file the command names exists, holds the target's data, and no secret
    const data = readFileSync(join(work, 'out', 'test-data.json'), 'utf8');
    expect(JSON.parse(data).accounts[0]).toEqual({ email: 'customer@example.com', passwordEnv: 'STOREFRONT_CUSTOMER_PASSWORD' });
    expect(data).not.toContain('Sup3r-Secret-Pw');
    expect(r.stdout).toMatch(/# browse: \d+ VUs pre-allocated/);
    expect(r.stdout).toMatch(/--vus 200 is below the \d+ VUs the rate needs/);
    const options = JSON.parse(r.stdout.slice(r.stdout.indexOf('\n{') + 1, r.stdout.lastIndexOf('}') + 1));
    expect(options.scenarios.browse.executor).toBe('ramping-arrival-rate');
    expect(Math.max(...options.scenarios.browse.stages.map((s: { target: number }) => s.target))).toBe(30);
    expect(options.thresholds.dropped_iterations).toEqual(['count<10']);
  });

  it.skipIf(!process.env.K6_BIN)('the printed command runs as printed on a real k6 (skipped: set K6_BIN to a k6 v1.x binary)', () => {
    const r = cli(['--profile', 'smoke', '--base-url', server.url, '--duration', '3s', '--mix', 'browse=1,search=1,buy=0', '--dry-run', '--report-dir', 'printed'], {
      K6_BIN: process.env.K6_BIN!,
    });
    expect(r.code, r.stderr).toBe(0);
    const command = r.stdout.split('\n').find((l) => l.startsWith(process.env.K6_BIN!))!;
    const run = spawnSync('/bin/sh', ['-c', command], { cwd: work, encoding: 'utf8', env: { PATH: emptyPath, HOME: work }, timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, `${run.signal ?? ''} ${run.error ?? ''} ${(run.stderr ?? '').slice(-2000)}`).toBe(0);
    expect(existsSync(join(work, 'printed', 'summary-export.json'))).toBe(true);
  }, 120_000);
});

describe('storefront-check load against the embedded reference server, with a fake k6', () => {
  it('passes target and settings as -e, secrets only in the environment, and writes the report (exit 0)', () => {
    const k6 = fakeK6('pass', 0);
    const r = cli(['--profile', 'smoke', '--report-dir', 'smoke-run', '--rate', '2'], { K6_BIN: k6.path });
    expect(r.code, r.stderr).toBe(0);
    const called = JSON.parse(readFileSync(k6.record, 'utf8')) as { args: string[]; env: Record<string, string> };
    const dir = join(work, 'smoke-run');
    expect(called.args.slice(0, 5)).toEqual(['run', '--summary-export', join(dir, 'summary-export.json'), '--out', `json=${join(dir, 'k6-samples.ndjson')}`]);
    expect(called.args).toContain('--include-system-env-vars');
    expect(called.args.at(-1)).toBe(join(repo, 'load', 'main.ts'));
    const e = called.args.flatMap((a, i) => (called.args[i - 1] === '-e' ? [a] : []));
    expect(e).toContain('STOREFRONT_LOAD_PROFILE=smoke');
    expect(e).toContain('STOREFRONT_LOAD_RATE=2');
    expect(e.find((x) => x.startsWith('STOREFRONT_BASE_URL='))).toMatch(/^STOREFRONT_BASE_URL=http:\/\/127\.0\.0\.1:\d+$/);
    // the embedded server's secrets reach k6 through its environment only
    expect(called.env.STOREFRONT_CUSTOMER_PASSWORD).toBeTruthy();
    expect(called.env.STOREFRONT_RECAPTCHA_TOKEN).toBeTruthy();
    for (const secret of [called.env.STOREFRONT_CUSTOMER_PASSWORD, called.env.STOREFRONT_CUSTOMER2_PASSWORD]) {
      expect(called.args.join(' ')).not.toContain(secret);
      expect(readFileSync(join(dir, 'k6-command.txt'), 'utf8')).not.toContain(secret);
      expect(readFileSync(join(dir, 'test-data.json'), 'utf8')).not.toContain(secret);
    }
    expect(readdirSync(dir).sort()).toEqual(['k6-command.txt', 'k6-samples.ndjson', 'load-report.html', 'load-report.json', 'summary-export.json', 'summary.md', 'test-data.json']);
    const data = JSON.parse(readFileSync(join(dir, 'test-data.json'), 'utf8'));
    expect(data.accounts[0]).toEqual({ email: 'customer@example.com', passwordEnv: 'STOREFRONT_CUSTOMER_PASSWORD' });
    expect(r.stderr).toContain(`load report: ${join(dir, 'load-report.html')}`);
    expect(r.stdout).toBe(''); // k6's own output goes to stderr
  });

  it('maps k6 exit code 99 (a threshold crossed) to 99, and still writes the report', () => {
    const k6 = fakeK6('fail', 99);
    const r = cli(['--profile', 'smoke', '--report-dir', 'failed-run'], { K6_BIN: k6.path });
    expect(r.code, r.stderr).toBe(99);
    expect(r.stderr).toContain('a threshold was crossed (k6 exit code 99)');
    expect(existsSync(join(work, 'failed-run', 'load-report.html'))).toBe(true);
  });

  it('defaults the report dir to reports/<timestamp>-load-<profile>/', () => {
    const r = cli(['--profile', 'smoke'], { K6_BIN: fakeK6('pass', 0).path });
    expect(r.code, r.stderr).toBe(0);
    const runs = readdirSync(join(work, 'reports'));
    expect(runs.some((d) => /^\d{8}-\d{6}Z-load-smoke$/.test(d))).toBe(true);
  });

  it('--gen-data writes seeded test data for the target and runs nothing', () => {
    const a = cli(['--gen-data', 'a.json', '--seed', '5'], {});
    const b = cli(['--gen-data', 'b.json', '--seed', '5'], {});
    expect(a.code, a.stderr).toBe(0);
    expect(b.code).toBe(0);
    expect(readFileSync(join(work, 'a.json'), 'utf8')).toBe(readFileSync(join(work, 'b.json'), 'utf8'));
    const data = JSON.parse(readFileSync(join(work, 'a.json'), 'utf8'));
    expect(data.discountCodes.filter((c: { valid: boolean }) => c.valid).length).toBeGreaterThan(0);
    expect(data.searchTerms.length).toBeGreaterThan(3);
  });
});

describe('storefront-check load compare', () => {
  it('exit 0 when it only reports, 1 when a regression breaks --budget, 2 for a dir that holds no run', async () => {
    const base = join(work, 'cmp-base');
    const { model } = await buildLoadReport({
      ndjsonPath: join(fixtures, 'pass', 'out.ndjson'),
      summaryExportPath: join(fixtures, 'pass', 'summary-export.json'),
      outFile: join(base, 'load-report.html'),
      modelFile: join(base, 'load-report.json'),
    });
    const slow = JSON.parse(JSON.stringify(model)) as LoadReportModel;
    const r = slow.routes.find((x) => x.name === 'GET /search')!;
    for (const k of ['p50', 'p95', 'p99'] as const) {
      r.latency[k] = (r.latency[k] ?? 0) + 40;
      r.windows[k] = r.windows[k].map((v) => (v === null ? null : v + 40));
    }
    const cand = join(work, 'cmp-cand');
    mkdirSync(cand, { recursive: true });
    writeFileSync(join(cand, 'load-report.json'), JSON.stringify(slow));
    writeFileSync(join(work, 'cmp-budget.json'), JSON.stringify({ p95: '+10%' }));
    const run = (args: string[]) => {
      const x = spawnSync(process.execPath, [bin, 'load', 'compare', ...args], { cwd: work, encoding: 'utf8', env: { PATH: emptyPath, HOME: work } });
      return { code: x.status, stderr: x.stderr };
    };
    const plain = run([base, cand]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toContain('regressed: route GET /search: p50');
    expect(existsSync(join(cand, 'compare.html')) && existsSync(join(cand, 'compare.json'))).toBe(true);
    const over = run([base, cand, '--budget', 'cmp-budget.json', '--out', 'cmp-out']);
    expect(over.code, over.stderr).toBe(1);
    expect(over.stderr).toContain('budget EXCEEDED');
    expect(run([work, cand]).code).toBe(2);
  });
});
