import { describe, expect, test } from 'vitest';
import type { Exchange } from '../http/types.js';
import { retryAfterMs, validRetryAfter } from './rate-limits.js';

describe('RL-02 Retry-After forms', () => {
  test.each([
    ['0', true],
    ['30', true],
    ['Wed, 21 Oct 2015 07:28:00 GMT', true],
    ['Wednesday, 21-Oct-15 07:28:00 GMT', true],
    ['Wed Oct 21 07:28:00 2015', true],
    ['1.5', false],
    ['-1', false],
    ['2015-10-21T07:28:00Z', false],
    ['soon', false],
    ['', false],
  ])('%j → %s', (v, ok) => {
    expect(validRetryAfter(v)).toBe(ok);
  });
});

describe('RL-03 wait', () => {
  const ex = (headers: Record<string, string>): Exchange =>
    ({ seq: 1, request: { method: 'GET', url: 'http://x/search', headers: {} }, response: { status: 429, headers, text: '' }, durationMs: 1, notes: [] }) as Exchange;
  test('seconds, dates against the response Date, absent or invalid', () => {
    expect(retryAfterMs(ex({ 'retry-after': '2' }), 'Retry-After')).toBe(2000);
    expect(retryAfterMs(ex({ 'retry-after': 'Wed, 21 Oct 2015 07:28:03 GMT', date: 'Wed, 21 Oct 2015 07:28:00 GMT' }), 'Retry-After')).toBe(3000);
    expect(retryAfterMs(ex({}), 'Retry-After')).toBeUndefined();
    expect(retryAfterMs(ex({ 'retry-after': '1.5' }), 'Retry-After')).toBeUndefined();
  });
});
