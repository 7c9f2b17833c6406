import { describe, expect, it } from 'vitest';
import { CheckFailure, type CheckContext } from './types.js';
import type { Exchange } from '../http/types.js';
import type { PackConventions } from '../contract/types.js';
import { expectEnvelope, expectStatus, pagedEnvelope, pointer, requestLine } from './assert.js';

const conventions = {
  error: {
    statusField: 'status', messageField: 'message', codeField: 'code', typeField: 'type', errorsField: 'errors',
    entry: { field: 'field', code: 'code', message: 'message' },
  },
  paging: {
    limitParam: 'limit', offsetParam: 'offset', defaultLimit: 20, minLimit: 1, maxLimit: 100,
    envelope: { limit: 'limit', offset: 'offset', count: 'count', total: 'total', results: 'results' },
  },
} as unknown as PackConventions;

const ctx = {
  contract: { conventions },
  fail(message: string, ...evidence: Exchange[]): never {
    throw new CheckFailure(message, evidence);
  },
} as unknown as CheckContext;

function ex(status: number, json: unknown, url = 'http://127.0.0.1:1/products?limit=101'): Exchange {
  return {
    seq: 1, request: { method: 'GET', url, headers: {} },
    response: { status, headers: {}, text: JSON.stringify(json), json }, durationMs: 1, notes: [],
  };
}

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof CheckFailure) return e.message;
    throw e;
  }
  return '';
}

describe('pointer', () => {
  it.each([
    ['', { a: 1 }, { a: 1 }],
    ['/a/0/b', { a: [{ b: 2 }] }, 2],
    ['/a~1b/c~0d', { 'a/b': { 'c~d': 3 } }, 3],
    ['/missing/x', { a: 1 }, undefined],
  ])('%s', (ptr, obj, want) => expect(pointer(obj, ptr)).toEqual(want));
});

describe('expectStatus / expectEnvelope / pagedEnvelope', () => {
  it('names what was received and expected', () => {
    const msg = failure(() => expectStatus(ctx, ex(500, {}), 200, 404));
    expect(msg).toContain('GET /products?limit=101: Received: 500 / Expected: 200, 404');
  });
  it('passes a matching status', () => expect(expectStatus(ctx, ex(404, {}), 200, 404)).toBe(404));
  it.each([
    [{ status: 400, message: 'bad' }, {}, ''],
    [{ status: 404, message: 'bad' }, {}, 'must equal the HTTP status'],
    [{ status: 400, message: '' }, {}, 'empty or missing message'],
    [{ status: 400, message: 'x', code: 'INVALID_FILTER' }, { code: 'INVALID_FILTER' }, ''],
    [{ status: 400, message: 'x' }, { code: 'INVALID_FILTER' }, 'expected code "INVALID_FILTER"'],
    [{ status: 400, message: 'x', errors: [{ field: 'query', code: 'REQUIRED', message: 'm' }] }, { entry: { field: 'query', code: 'REQUIRED' } }, ''],
    [{ status: 400, message: 'x', errors: [{ field: 'q', code: 'REQUIRED', message: 'm' }] }, { entry: { field: 'query', code: 'REQUIRED' } }, 'without an errors entry'],
  ])('envelope %j with %j', (json, want, msg) => {
    const got = failure(() => expectEnvelope(ctx, ex(400, json), { status: 400, ...want }));
    if (msg) expect(got).toContain(msg);
    else expect(got).toBe('');
  });
  it('reads a paged envelope and rejects a non-integer field', () => {
    const p = pagedEnvelope(ctx, ex(200, { limit: 20, offset: 0, count: 1, total: 1, results: [{}] }));
    expect(p).toMatchObject({ limit: 20, count: 1, total: 1 });
    expect(failure(() => pagedEnvelope(ctx, ex(200, { limit: '20', offset: 0, count: 0, total: 0, results: [] })))).toContain('integer limit');
  });
  it('renders the request line', () => expect(requestLine(ex(200, {}))).toBe('GET /products?limit=101'));
});
