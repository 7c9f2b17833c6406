// Baseline: known failures pass the gate, new ones fail, fixed entries are listed, expired
// entries fail again; the file format errors are configuration errors naming the key.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { applyBaseline, readBaseline } from './baseline.js';
import type { CheckResult } from '../results.js';

const check = (id: string, status: CheckResult['status']): CheckResult => ({
  id, clause: id.split(':')[0], family: id.split('-')[0], endpoint: 'GET /products', title: id, status, message: 'm', durationMs: 1,
});
const dir = mkdtempSync(join(tmpdir(), 'baseline-'));
const file = (content: unknown) => {
  const f = join(dir, `b-${Math.random()}.json`);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
};

describe('applyBaseline', () => {
  const now = new Date('2025-06-15T12:00:00Z');
  it.each([
    ['a known failure is baselined', [{ id: 'PAG-04:a:x' }], [check('PAG-04:a:x', 'failed')], { known: ['PAG-04:a:x'], new: [], fixed: [], expired: [] }, true],
    ['a failure not in the file is new', [], [check('PAG-04:a:x', 'failed')], { known: [], new: ['PAG-04:a:x'], fixed: [], expired: [] }, false],
    ['a passing entry is fixed', [{ id: 'PAG-04:a:x' }], [check('PAG-04:a:x', 'passed')], { known: [], new: [], fixed: ['PAG-04:a:x'], expired: [] }, false],
    ['an entry still covers the day it expires', [{ id: 'PAG-04:a:x', expires: '2025-06-15' }], [check('PAG-04:a:x', 'failed')], { known: ['PAG-04:a:x'], new: [], fixed: [], expired: [] }, true],
    ['an expired entry fails again', [{ id: 'PAG-04:a:x', expires: '2025-06-14' }], [check('PAG-04:a:x', 'failed')], { known: [], new: [], fixed: [], expired: ['PAG-04:a:x'] }, false],
  ])('%s', (_w, entries, checks, expected, baselined) => {
    const out = applyBaseline('b.json', entries, checks, now);
    expect({ known: out.known, new: out.new, fixed: out.fixed, expired: out.expired }).toEqual(expected);
    expect(Boolean(checks[0].baselined)).toBe(baselined);
  });
});

describe('readBaseline', () => {
  it('reads { entries } and bare arrays of ids or entries', () => {
    expect(readBaseline(file({ entries: [{ id: 'A-01:x:y', reason: 'T-1', expires: '2030-01-01' }] }))).toEqual([{ id: 'A-01:x:y', reason: 'T-1', expires: '2030-01-01' }]);
    expect(readBaseline(file(['A-01:x:y'])).map((e) => e.id)).toEqual(['A-01:x:y']);
  });
  it.each([
    ['missing file', join(dir, 'nope.json'), /does not exist/],
    ['not JSON', file('{'), /not valid JSON/],
    ['bad date', file({ entries: [{ id: 'x', expires: 'soon' }] }), /expires|entries/],
  ])('%s is a configuration error', (_w, f, message) => {
    expect(() => readBaseline(f)).toThrow(ConfigError);
    expect(() => readBaseline(f)).toThrow(message);
  });
});
