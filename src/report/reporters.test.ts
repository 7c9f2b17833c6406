// Reporters: junit escaping and statuses, the HTML model injection (script-safe), the console
// summary — all from a RunResults, nothing else.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CheckResult, RunResults } from '../results.js';
import { consoleReporter } from './console.js';
import { renderHtml, scriptSafeJson } from './html.js';
import { ReportersMap, REPORTER_NAMES } from './index.js';
import { renderJunit } from './junit.js';
import { xmlAttr, xmlText } from './xml.js';

const check = (status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  id: `PAG-04:GET /products:limit-${status}`, clause: 'PAG-04', family: 'PAG', endpoint: 'GET /products', title: 'limit', status,
  message: `msg <${status}> & "quoted" \u0001`, durationMs: 12, ...extra,
});
const results: RunResults = {
  tool: { name: 'storefront-check', version: '0.1.0' }, target: { baseUrl: 'http://127.0.0.1:1', env: 'embedded', embedded: true }, pack: 'storefront-bff',
  startedAt: '2025-01-01T00:00:00Z', durationMs: 1000, requests: 3, summary: { passed: 1, failed: 1, warned: 1, skipped: 1, errored: 0 },
  checks: [
    check('passed'),
    check('failed', { evidence: [{ request: { method: 'GET', url: 'http://h/p?limit=101', headers: {} }, response: { status: 200, headers: {}, body: '</script><b>x</b>', truncated: false }, curl: "curl -sS -i 'http://h/p?limit=101'" }] }),
    check('warned'),
    check('skipped'),
  ],
  coverage: [], setup: [{ level: 'error', message: 'login failed: fix STOREFRONT_CUSTOMER_EMAIL' }], exitCode: 1, verdict: '1 check(s) failed',
};

describe('xml escaping', () => {
  it.each([
    ['a & b', 'a &amp; b'],
    ['<tag>', '&lt;tag&gt;'],
    ['bell\u0007', 'bell\uFFFD'],
  ])('text %j', (input, out) => expect(xmlText(input)).toBe(out));
  it('attributes escape quotes and newlines', () => expect(xmlAttr(`"a"\n'b'`)).toBe('&quot;a&quot;&#10;&apos;b&apos;'));
});

describe('junit', () => {
  const xml = renderJunit(results);
  it('one testcase per check (plus setup), failed → failure, skipped → skipped, warned → system-out', () => {
    expect((xml.match(/<testcase /g) ?? []).length).toBe(5);
    expect((xml.match(/<failure /g) ?? []).length).toBe(2); // the failed check and the setup error
    expect(xml).toContain('<skipped message=');
    expect(xml).toMatch(/<system-out>warning: /);
    expect(xml).toContain('replay: curl');
    expect(xml).not.toContain('\u0001');
    expect(xml).not.toMatch(/<(?!\/?(testsuites|testsuite|testcase|failure|skipped|system-out)\b|\?xml)/);
  });
});

describe('html', () => {
  it('injects the model as script-safe JSON', () => {
    const html = renderHtml(results);
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the model's and the template's
    const json = html.match(/<script id="storefront-check-model" type="application\/json">([\s\S]*?)<\/script>/)![1];
    expect(JSON.parse(json)).toEqual(results);
  });
  it('escapes what could end a script', () => expect(scriptSafeJson({ a: '</script>\u2028' })).toBe('{"a":"\\u003c/script\\u003e\\u2028"}'));
});

describe('console', () => {
  it('prints setup problems, failures with clause and endpoint, and the verdict', () => {
    let out = '';
    const stream = new Writable({ write(chunk, _e, cb) { out += chunk; cb(); } });
    const r = consoleReporter({ stream, color: false });
    r.onProgress?.({ type: 'family', family: 'PAG', counts: { passed: 1, failed: 1, warned: 1, skipped: 1, errored: 0 } });
    r.onRunEnd?.(results, '/tmp/x');
    expect(out).toMatch(/PAG +1 passed {2}1 failed/);
    expect(out).toMatch(/setup error: login failed/);
    expect(out).toMatch(/PAG-04 +GET \/products +msg <failed>/);
    expect(out).toMatch(/FAIL \(exit 1\): 1 check\(s\) failed/);
  });
});

it('the ReportersMap keys are the --reporter choices', () => {
  expect(REPORTER_NAMES).toEqual(['console', 'json', 'junit', 'html', 'markdown']);
  for (const name of REPORTER_NAMES) expect(ReportersMap[name]().name).toBe(name);
});
