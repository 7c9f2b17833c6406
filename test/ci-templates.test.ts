// The CI templates in examples/ci/ are YAML that parses, run only storefront-check commands and
// flags the built CLI's --help lists, and do what the README promises: the gate against staging
// with secrets from the CI store, JUnit published, the report directory kept as an artefact, the
// markdown summary posted, and a nightly load run compared with the last release (`load compare`,
// whose flags are checked against `load compare --help` like every other command's).

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
// a build of our own (as test/load-cli.test.ts does), so a concurrent build cannot interfere
const buildDir = join(repo, 'node_modules', '.cache', 'storefront-check-ci-templates');
const bin = join(buildDir, 'src', 'cli', 'bin.js');
const TEMPLATES = ['examples/ci/github-actions.yml', 'examples/ci/gitlab-ci.yml'];

function help(path: string[]): string {
  const r = spawnSync(process.execPath, [bin, ...path, '--help'], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`storefront-check ${path.join(' ')} --help exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}
const section = (text: string, title: string) => text.split(`\n${title}:\n`)[1]?.split(/\n\n|\n[A-Z][\w ]*:\n/)[0] ?? '';
const commandsOf = (text: string) => [...section(text, 'Commands').matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]).filter((c) => c !== 'help');
const flagsOf = (text: string) => new Set([...section(text, 'Options').matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]));

/** Every shell string under run / script / before_script / after_script keys, at any depth. */
function shellOf(node: unknown, key = ''): string[] {
  if (typeof node === 'string') return ['run', 'script', 'before_script', 'after_script'].includes(key) ? [node] : [];
  if (Array.isArray(node)) return node.flatMap((n) => shellOf(n, key));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => shellOf(v, k));
  return [];
}

/** Words of a shell command, quotes removed (enough for the templates: no nested quoting). */
const words = (segment: string) => [...segment.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);

/** Each storefront-check invocation: the words after the binary. */
function invocations(shell: string): string[][] {
  return shell
    .replace(/\\\n/g, ' ')
    .split(/\n|&&|\|\||;|\|/)
    .map((s) => words(s.trim()))
    .filter((w) => w[0] === 'storefront-check' || (w[0] === 'npx' && /^storefront-check(@|$)/.test(w.find((x) => !x.startsWith('-') && x !== 'npx') ?? '')))
    .map((w) => w.slice(w.findIndex((x) => /^storefront-check(@|$)/.test(x)) + 1));
}

let top: string;
beforeAll(() => {
  // tsc emits even when work in progress elsewhere has type errors; only the output matters
  spawnSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repo, 'tsconfig.build.json'), '--outDir', buildDir], { cwd: repo, encoding: 'utf8' });
  if (!existsSync(bin)) throw new Error(`the build did not produce ${bin}`);
  top = help([]);
}, 120_000);

describe.each(TEMPLATES)('%s', (file) => {
  const text = readFileSync(join(repo, file), 'utf8');
  const doc = parse(text) as Record<string, unknown>;
  const shell = shellOf(doc);
  const calls = shell.flatMap(invocations);

  it('runs storefront-check commands and flags that the CLI has', () => {
    expect(calls.length).toBeGreaterThanOrEqual(3);
    const commands = commandsOf(top);
    expect(commands).toEqual(expect.arrayContaining(['run', 'serve', 'load']));
    for (const call of calls) {
      const path = call[0] && !call[0].startsWith('-') ? [call[0]] : ['run'];
      expect(commands, `storefront-check ${call.join(' ')}`).toContain(path[0]);
      if (path[0] === 'load' && call[1] === 'compare') path.push('compare');
      const known = flagsOf(help(path));
      expect(known.size, path.join(' ')).toBeGreaterThan(1); // --help parsed (compare has three flags)
      for (const flag of call.filter((w) => w.startsWith('--')).map((w) => w.split('=')[0])) {
        expect(known.has(flag), `storefront-check ${path.join(' ')} has no ${flag} (in ${file})`).toBe(true);
      }
    }
  });

  it('gates against staging with its secrets from the CI store, keeps the reports and posts the summary', () => {
    const gate = calls.find((c) => (c[0] === 'run' || c[0]?.startsWith('--')) && c.includes('--env'));
    expect(gate, 'a storefront-check run against an environment').toBeDefined();
    expect(gate![gate!.indexOf('--env') + 1]).toBe('staging');
    const reportDir = gate![gate!.indexOf('--report-dir') + 1];
    expect(reportDir).toBe('reports/gate');
    // no secret is written into the template: they come from the CI store by name
    expect(text).not.toMatch(/STOREFRONT_CUSTOMER_PASSWORD:\s*['"]?[^$'"\s{]/);
    expect(text).toMatch(/summary\.md/);
    if (file.includes('github')) {
      expect(text).toContain('STOREFRONT_CUSTOMER_PASSWORD: ${{ secrets.STOREFRONT_CUSTOMER_PASSWORD }}');
      expect(gate).toContain('--summary-file');
      expect(gate![gate!.indexOf('--summary-file') + 1]).toBe('$GITHUB_STEP_SUMMARY');
      const steps = (doc.jobs as Record<string, { steps: { uses?: string; with?: Record<string, string>; run?: string }[] }>).gate.steps;
      expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.with?.path).toBe(`${reportDir}/`);
      expect(steps.find((s) => s.with?.report_paths)?.with?.report_paths).toBe(`${reportDir}/junit.xml`);
      expect(steps.some((s) => s.run?.includes('gh pr comment') && s.run.includes(`${reportDir}/summary.md`))).toBe(true);
    } else {
      const job = doc['storefront-check:gate'] as { artifacts: { when: string; paths: string[]; reports: { junit: string } }; after_script: string[] };
      expect(job.artifacts.when).toBe('always');
      expect(job.artifacts.paths).toContain(`${reportDir}/`);
      expect(job.artifacts.reports.junit).toBe(`${reportDir}/junit.xml`);
      expect(job.after_script.join('\n')).toContain(`body@${reportDir}/summary.md`);
    }
  });

  it('runs a nightly load job compared with the last release (`load compare`)', () => {
    expect(calls.some((c) => c[0] === 'load' && c.includes('--profile'))).toBe(true);
    const compare = calls.find((c) => c[0] === 'load' && c[1] === 'compare');
    expect(compare, 'storefront-check load compare <baseline> <candidate>').toBeDefined();
    expect(compare!.slice(2, 4).every((a) => !a.startsWith('-'))).toBe(true);
    expect(text).toMatch(file.includes('github') ? /schedule:\s*\n\s*- cron:/ : /\$CI_PIPELINE_SOURCE == "schedule"/);
  });
});

it('the README links both templates', () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  for (const file of TEMPLATES) expect(readme).toContain(`](${file})`);
});
