// The live progress display from progress events alone: on a TTY one status line redrawn in place
// (done/planned, failures, elapsed, families in flight) with other output written above it and
// the line cleared at the end; elsewhere plain periodic lines, only when the run moved on; the
// console reporter under --quiet prints neither.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CheckResult, ProgressEvent } from '../results.js';
import { consoleReporter } from './console.js';
import { ProgressDisplay } from './progress.js';

const check = (family: string, status: CheckResult['status']): ProgressEvent => ({
  type: 'check', result: { id: `${family}-01:GET /x:${status}`, clause: `${family}-01`, family, endpoint: 'GET /x', title: 't', status, message: 'm', durationMs: 1 },
});
const counts = { passed: 1, failed: 1, warned: 0, skipped: 0, errored: 0 };
function sink(tty: boolean) {
  const s = { out: '', stream: new Writable({ write(chunk, _e, cb) { s.out += String(chunk); cb(); } }) };
  Object.assign(s.stream, { isTTY: tty, columns: 120 });
  return s;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ProgressDisplay on a TTY', () => {
  it('redraws one status line, writes other lines above it, clears it at the end', () => {
    let now = 0;
    const s = sink(true);
    const d = new ProgressDisplay({ stream: s.stream, tty: true, now: () => now });
    d.onEvent({ type: 'start', baseUrl: 'http://x', env: 'embedded', embedded: true });
    d.onEvent({ type: 'plan', total: 780 });
    now = 2400;
    d.onEvent(check('PAG', 'passed'));
    now = 2450;
    d.onEvent(check('PAG', 'passed')); // within 100 ms of the last redraw: not drawn
    expect(s.out.endsWith('1/780 checks · 0 failed · 2.4 s · PAG')).toBe(true);
    now = 2500;
    d.onEvent(check('HDR', 'failed'));
    expect(d.line()).toBe('3/780 checks · 1 failed · 2.5 s · PAG, HDR');
    expect(s.out.endsWith('\r\u001b[2K3/780 checks · 1 failed · 2.5 s · PAG, HDR')).toBe(true);
    d.write('  PAG    1 passed');
    expect(s.out).toContain('\r\u001b[2K  PAG    1 passed\n\r\u001b[2K3/780 checks');
    d.onEvent({ type: 'family', family: 'PAG', counts });
    d.onEvent(check('PAG', 'passed')); // a late result does not bring a finished family back
    expect(d.line()).toBe('4/780 checks · 1 failed · 2.5 s · HDR');
    d.onEvent({ type: 'end', durationMs: 2500 });
    expect(s.out.endsWith('\r\u001b[2K')).toBe(true);
    const before = s.out.length;
    d.write('after');
    expect(s.out.slice(before)).toBe('after\n'); // no status line once the run is over
  });

  it('without a plan event it counts what it has seen', () => {
    const d = new ProgressDisplay({ stream: sink(true).stream, tty: true, now: () => 0 });
    d.onEvent(check('SRT', 'errored'));
    expect(d.line()).toBe('1 checks · 0 failed, 1 errored · 0.0 s · SRT');
    d.stop();
  });
});

describe('ProgressDisplay elsewhere (CI logs)', () => {
  it('prints a plain line per interval, only when the run moved on, no control characters', async () => {
    const s = sink(false);
    const d = new ProgressDisplay({ stream: s.stream, tty: false, intervalMs: 30 });
    d.onEvent({ type: 'plan', total: 10 });
    d.onEvent(check('PAG', 'passed'));
    d.onEvent(check('PAG', 'failed'));
    await sleep(100);
    d.onEvent(check('FLT', 'passed'));
    await sleep(100);
    d.onEvent({ type: 'end', durationMs: 1 });
    const lines = s.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^progress: 2\/10 checks · 1 failed · 0 s · PAG$/);
    expect(lines[1]).toMatch(/^progress: 3\/10 checks · 1 failed · 0 s · PAG, FLT$/);
    expect(s.out).not.toMatch(/[\r\u001b]/);
    await sleep(80);
    expect(s.out.trim().split('\n')).toHaveLength(2); // stopped at the end
  });
});

describe('console reporter', () => {
  it('--quiet: no family lines, no status line; the summary at the end', async () => {
    const s = sink(true);
    const r = consoleReporter({ stream: s.stream, color: false, quiet: true, progressIntervalMs: 10 });
    r.onProgress?.({ type: 'start', baseUrl: 'http://x', env: 'embedded', embedded: true });
    r.onProgress?.({ type: 'plan', total: 2 });
    r.onProgress?.(check('PAG', 'failed'));
    r.onProgress?.({ type: 'family', family: 'PAG', counts });
    await sleep(40);
    r.onProgress?.({ type: 'end', durationMs: 1 });
    expect(s.out).toBe('');
  });

  it('not quiet, on a TTY: family lines above the live status line', () => {
    const s = sink(true);
    const r = consoleReporter({ stream: s.stream, color: false });
    r.onProgress?.({ type: 'start', baseUrl: 'http://x', env: 'embedded', embedded: true });
    r.onProgress?.({ type: 'plan', total: 2 });
    r.onProgress?.(check('PAG', 'passed'));
    r.onProgress?.({ type: 'family', family: 'PAG', counts });
    r.onProgress?.({ type: 'end', durationMs: 1 });
    expect(s.out).toMatch(/\r\u001b\[2K1\/2 checks · 0 failed · [\d.]+ s/); // redrawn under the family line
    expect(s.out).toMatch(/\r\u001b\[2K {2}PAG +1 passed/);
    expect(s.out).toMatch(/1 checks in 0\.0 s\n$/);
  });
});
