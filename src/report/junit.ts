// junit.xml: one <testsuite> per clause family, one <testcase> per check. failed → <failure>
// (message, evidence and curl line in the body), skipped → <skipped message>, warned → a passed
// testcase with the warning in <system-out>. Setup problems come first as a 'setup' suite so CI
// shows them. Baselined failures are reported as passed with a note (they do not fail the gate).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult, Evidence, RunResults } from '../results.js';
import type { Reporter } from './types.js';
import { xmlAttr, xmlText } from './xml.js';

function evidenceText(ev: Evidence[] | undefined): string {
  if (!ev?.length) return '';
  return ev
    .map((e, i) => {
      const lines = [`--- evidence ${i + 1}: ${e.request.method} ${e.request.url}`];
      if (e.response) lines.push(`answered ${e.response.status}`, e.response.body);
      if (e.error) lines.push(`error: ${e.error}`);
      if (e.notes?.length) lines.push(`notes: ${e.notes.join('; ')}`);
      lines.push(`replay: ${e.curl}`);
      return lines.join('\n');
    })
    .join('\n');
}

function testcase(c: CheckResult): string {
  const attrs = `classname="${xmlAttr(`${c.family}.${c.clause}`)}" name="${xmlAttr(c.id)}" time="${(c.durationMs / 1000).toFixed(3)}"`;
  const detail = `${c.message}\n${evidenceText(c.evidence)}`.trim();
  if (c.status === 'failed' && !c.baselined) {
    return `    <testcase ${attrs}>\n      <failure message="${xmlAttr(c.message)}" type="${xmlAttr(c.clause)}">${xmlText(detail)}</failure>\n    </testcase>`;
  }
  if (c.status === 'errored') {
    return `    <testcase ${attrs}>\n      <error message="${xmlAttr(c.message)}" type="tool-error">${xmlText(`${detail}\n${c.stack ?? ''}`.trim())}</error>\n    </testcase>`;
  }
  if (c.status === 'skipped') return `    <testcase ${attrs}>\n      <skipped message="${xmlAttr(c.message)}"/>\n    </testcase>`;
  if (c.status === 'warned' || c.baselined) {
    const label = c.baselined ? 'known failure (baseline)' : 'warning';
    return `    <testcase ${attrs}>\n      <system-out>${xmlText(`${label}: ${detail}`)}</system-out>\n    </testcase>`;
  }
  return `    <testcase ${attrs}/>`;
}

export function renderJunit(results: RunResults): string {
  const families = new Map<string, CheckResult[]>();
  for (const c of results.checks) families.set(c.family, [...(families.get(c.family) ?? []), c]);
  const suites: string[] = [];
  if (results.setup.length) {
    const cases = results.setup.map(
      (s, i) =>
        `    <testcase classname="setup" name="${xmlAttr(`setup ${i + 1}: ${s.message.slice(0, 80)}`)}" time="0">` +
        (s.level === 'error' ? `\n      <failure message="${xmlAttr(s.message)}" type="setup">${xmlText(s.message)}</failure>\n    </testcase>` : `\n      <system-out>${xmlText(s.message)}</system-out>\n    </testcase>`),
    );
    const failures = results.setup.filter((s) => s.level === 'error').length;
    suites.push(`  <testsuite name="setup" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  for (const [family, checks] of [...families].sort(([a], [b]) => a.localeCompare(b))) {
    const failures = checks.filter((c) => c.status === 'failed' && !c.baselined).length;
    const skipped = checks.filter((c) => c.status === 'skipped').length;
    const errors = checks.filter((c) => c.status === 'errored').length;
    const time = checks.reduce((t, c) => t + c.durationMs, 0) / 1000;
    suites.push(
      `  <testsuite name="${xmlAttr(family)}" tests="${checks.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time.toFixed(3)}">\n` +
        `${checks.map(testcase).join('\n')}\n  </testsuite>`,
    );
  }
  const total = results.checks.length + results.setup.length;
  const failures = results.checks.filter((c) => c.status === 'failed' && !c.baselined).length + results.setup.filter((s) => s.level === 'error').length;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="${xmlAttr(`storefront-check ${results.target.baseUrl}`)}" tests="${total}" failures="${failures}" errors="${results.summary.errored}" ` +
    `skipped="${results.summary.skipped}" time="${(results.durationMs / 1000).toFixed(3)}" timestamp="${xmlAttr(results.startedAt)}">\n` +
    `${suites.join('\n')}\n</testsuites>\n`
  );
}

export function junitReporter(): Reporter {
  return {
    name: 'junit',
    onRunEnd(results, dir) {
      const file = join(dir, 'junit.xml');
      writeFileSync(file, renderJunit(results));
      return file;
    },
  };
}
