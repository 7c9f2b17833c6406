// The package as a user gets it: `npm pack` (which runs `prepare`, the build) makes a tarball that
// installs into an empty project with `npm i ./storefront-check-*.tgz` — no dev dependencies, no
// TypeScript compiler — and `npx storefront-check` runs the embedded check there: the suites, the
// contract pack and the reference server all come from the installed package, and a fault is
// caught as it is in a git clone. The load scripts ship too (`load --dry-run` names them).
// Slow by nature (~1 min: a build, an install from the local npm cache, two runs).

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'sc-package-'));
const project = join(work, 'project');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function sh(cmd: string, args: string[], cwd: string, timeout = 180_000): SpawnSyncReturns<string> {
  // no npm_* variables of the test's own npm: the install must behave as in a fresh shell
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...env, NO_COLOR: '1' } });
}

let tarball: string;
beforeAll(() => {
  const pack = sh(npm, ['pack', '--json', '--pack-destination', work], repo);
  if (pack.status !== 0) throw new Error(`npm pack failed (${pack.status}): ${pack.stderr}`);
  tarball = join(work, (JSON.parse(pack.stdout) as { filename: string }[])[0].filename);
  sh('mkdir', ['-p', project], work);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'empty-project', version: '1.0.0', private: true }));
  const install = sh(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], project);
  if (install.status !== 0) throw new Error(`npm install ${tarball} failed (${install.status}): ${install.stderr}`);
}, 300_000);

describe('the packed tarball, installed into an empty project', () => {
  it('holds the built CLI, the suites, the contract pack and the load scripts, and no tests', () => {
    const list = sh('tar', ['-tzf', tarball], work).stdout.split('\n').map((f) => f.replace(/^package\//, ''));
    for (const f of ['dist/src/cli/bin.js', 'suites/pagination.suite.ts', 'src/engine/harness.ts', 'schemas/storefront-bff/openapi.yaml', 'schemas/storefront-bff/pack.yaml', 'load/main.ts', 'load/profiles.json']) {
      expect(list, f).toContain(f);
    }
    expect(list.filter((f) => f.endsWith('.test.ts'))).toEqual([]);
    expect(list.some((f) => f.startsWith('test/'))).toBe(false);
  });

  it('installs without dev dependencies: no TypeScript compiler at run time', () => {
    const modules = readdirSync(join(project, 'node_modules'));
    expect(modules).toContain('storefront-check');
    expect(modules).toContain('vitest');
    const dev = Object.keys((JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies);
    for (const d of dev) expect(existsSync(join(project, 'node_modules', d)), d).toBe(false);
  });

  it('`npx storefront-check` runs the embedded check from the installed package', () => {
    const r = sh(npx, ['--no-install', 'storefront-check', '--only', 'PAG,HDR-03', '--report-dir', 'clean'], project);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/PASS: no contract failure/);
    const results = JSON.parse(readFileSync(join(project, 'clean', 'results.json'), 'utf8')) as { summary: { passed: number }; tool: { version: string } };
    expect(results.summary.passed).toBeGreaterThan(50);
    for (const f of ['report.html', 'junit.xml', 'summary.md']) expect(existsSync(join(project, 'clean', f)), f).toBe(true);
  }, 120_000);

  it('catches a deliberate fault there, as in a git clone', () => {
    const r = sh(npx, ['--no-install', 'storefront-check', '--fault', 'pag-duplicate-across-pages', '--only', 'PAG-07', '--report-dir', 'fault'], project);
    expect(r.status, r.stderr).toBe(1);
    expect(readFileSync(join(project, 'fault', 'summary.md'), 'utf8')).toContain('**PAG-07**');
  }, 120_000);

  it('ships the k6 scripts: `load --dry-run` names the installed load/main.ts', () => {
    const r = sh(npx, ['--no-install', 'storefront-check', 'load', '--profile', 'smoke', '--dry-run'], project);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(join(project, 'node_modules', 'storefront-check', 'load', 'main.ts'));
  });
});
