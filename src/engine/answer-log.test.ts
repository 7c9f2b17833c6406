// The run-wide judges on recorded exchanges, table-driven: each row one answer, the clause judged,
// and whether it passes, fails (with what) or is not that judge's. Then the log's bounds.
import { describe, expect, test } from 'vitest';
import { loadContract } from '../contract/load.js';
import type { Exchange } from '../http/types.js';
import { AnswerLog } from './answer-log.js';

const bff = loadContract('storefront-bff');
const v2 = loadContract('storefront-v2');
const UUID = '0b7e4c1a-3f2d-4e5a-9b8c-1d2e3f4a5b6c';

function exchange(o: { method?: string; path?: string; op?: string; sent?: Record<string, string>; status?: number; headers?: Record<string, string>; body?: unknown; truncated?: boolean }): Exchange {
  const text = o.body === undefined ? '' : JSON.stringify(o.body);
  return {
    seq: 1,
    request: { method: o.method ?? 'GET', url: `http://127.0.0.1:1${o.path ?? '/products'}`, headers: { 'X-Api-Version': 'v1.0', ...o.sent } },
    response: {
      status: o.status ?? 200,
      headers: { 'content-type': 'application/json', 'x-api-version': 'v1.0', 'correlation-id': UUID, ...o.headers },
      text,
      json: o.truncated ? undefined : o.body,
      ...(o.truncated ? { truncated: { limitBytes: 1, receivedBytes: 2 } } : {}),
    },
    durationMs: 1,
    notes: [],
    operationId: o.op,
  };
}

const money = (centAmount: number, fractionDigits = 2) => ({ type: 'centPrecision', currencyCode: 'AUD', centAmount, fractionDigits });
const envelope = (status: number, code = 'NOT_FOUND', type = 'not_found_error') => ({ status, message: 'No such thing', code, type });

type Row = [string, Parameters<typeof exchange>[0], string, 'passed' | 'not judged' | RegExp];
const rows: Row[] = [
  ['a JSON body as application/json', { body: { id: 'p-1' } }, 'HDR-01', 'passed'],
  ['a JSON body as text/plain', { method: 'POST', path: '/carts', status: 201, body: { id: 'c-1' }, headers: { 'content-type': 'text/plain' } }, 'HDR-01', /POST \/carts answered 201 with a JSON body but Content-Type "text\/plain".*\(HDR-01\)/],
  ['an empty 204', { method: 'DELETE', status: 204 }, 'HDR-01', 'not judged'],
  ['the version echoed', { method: 'PUT', body: {} }, 'HDR-03', 'passed'],
  ['no version on a write', { method: 'PUT', body: {}, headers: { 'x-api-version': undefined as unknown as string } }, 'HDR-03', /without an X-Api-Version header \(the request sent v1\.0\).*\(HDR-03\)/],
  ['another version than the one sent', { sent: { 'X-Api-Version': 'v1' } }, 'HDR-03', /X-Api-Version "v1\.0"; the request sent v1, which must be echoed exactly/],
  // section 4: without a version header the server may answer its default (or 400): any value, but one
  ['no version sent, the default answered', { sent: { 'X-Api-Version': '' } }, 'HDR-03', 'passed'],
  ['the correlation id echoed', { sent: { 'Correlation-Id': 'Abc-1' }, headers: { 'correlation-id': 'Abc-1' } }, 'HDR-04', 'passed'],
  ['the correlation id lower-cased on a 422', { method: 'POST', status: 422, sent: { 'correlation-id': 'Abc-1' }, headers: { 'correlation-id': 'abc-1' } }, 'HDR-04', /Correlation-Id "abc-1"; the request sent Abc-1/],
  ['no correlation id sent', {}, 'HDR-04', 'not judged'],
  ['a generated UUID', {}, 'HDR-05', 'passed'],
  ['a generated counter on a 404', { status: 404, headers: { 'correlation-id': 'req-7' } }, 'HDR-05', /"req-7" to a request without one; expected a generated UUID \(HDR-05\)/],
  ['a correlation id sent', { sent: { 'Correlation-Id': 'Abc-1' } }, 'HDR-05', 'not judged'],
  ['a 500', { method: 'PUT', status: 500, body: envelope(500, 'INTERNAL_ERROR', 'api_error') }, 'ERR-07', /PUT \/products answered 500; no request may give a 5xx other than 502\/503\/504 \(ERR-07\)/],
  ['a 503', { status: 503, body: envelope(503, 'UNAVAILABLE', 'api_error') }, 'ERR-07', 'passed'],
  ['a valid 404 envelope', { status: 404, body: envelope(404) }, 'ERR-01', 'passed'],
  ['an envelope whose status differs', { status: 409, body: envelope(400, 'CONFLICT', 'invalid_request_error') }, 'ERR-01', /envelope's status is 400; it must equal the HTTP status \(ERR-01\)/],
  ['a camelCase code', { status: 404, body: envelope(404, 'notFound') }, 'ERR-02', /code "notFound"; a code is UPPER_SNAKE_CASE/],
  ['a 200 for the error judges', { body: {} }, 'ERR-01', 'not judged'],
  ['integer money', { body: { price: money(1999) } }, 'FMT-01', 'passed'],
  ['fractionDigits 3 for AUD in a cart line', { method: 'PUT', path: '/carts/c-1', op: 'updateCart', body: { lineItems: [{ unitPrice: money(1999, 3) }] } }, 'FMT-01', /PUT \/carts\/c-1 answered 200 where \/lineItems\/0\/unitPrice: fractionDigits 3 for AUD.*\(FMT-01\)/],
  ['a float in money', { body: { results: [{ price: money(19.99) }] } }, 'FMT-01', /where \/results\/0\/price: centAmount 19\.99 is not an integer/],
  ['money in a body cut at --max-body', { body: { price: money(19.99) }, truncated: true }, 'FMT-01', 'not judged'],
  ['a UTC timestamp', { body: { createdAt: '2024-02-10T14:20:00Z' } }, 'FMT-02', 'passed'],
  ['an offset timestamp in an error body', { status: 404, body: { ...envelope(404), at: { createdAt: '2024-02-10T14:20:00+10:00' } } }, 'FMT-02', /createdAt "2024-02-10T14:20:00\+10:00" is not a UTC timestamp/],
  ['a language map with a number', { body: { name: { 'en-AU': 'Sofa', 'en-NZ': 3 } } }, 'FMT-03', /locale en-NZ maps to 3, not a string/],
  ['a numeric id', { body: { results: [{ id: 7 }] } }, 'FMT-04', /id 7 is not a string/],
  ['version 0', { method: 'POST', status: 201, body: { id: 'c-1', version: 0 } }, 'FMT-04', /version 0; a resource's version is an integer >= 1/],
];

describe('the run-wide judges, answer by answer (storefront-bff)', () => {
  test.each(rows)('%s: %s', (_name, o, clause, want) => {
    const log = new AnswerLog(bff);
    const ex = exchange(o);
    for (const [k, v] of Object.entries(ex.response!.headers)) if (v === undefined) delete ex.response!.headers[k];
    log.observe(ex);
    expect(log.toolError).toBeUndefined();
    const t = log.tally(clause)!;
    if (want === 'not judged') return expect(t.judged).toBe(0);
    expect(t.judged).toBe(1);
    if (want === 'passed') return expect(t.failed, t.offenders[0]?.message).toBe(0);
    expect(t.failed).toBe(1);
    expect(t.offenders[0]!.message).toMatch(want);
    expect(t.offenders[0]!.exchange).toBe(ex);
  });
});

describe('the log', () => {
  test('counts every answer and keeps only the first three offenders, with counts per operation and status', () => {
    const log = new AnswerLog(bff);
    for (let i = 0; i < 5000; i++) log.observe(exchange({ method: 'POST', path: '/carts', op: 'createCart', status: 201, body: { id: 'c-1' }, headers: i % 10 ? {} : { 'content-type': 'text/plain' } }));
    const t = log.tally('HDR-01')!;
    expect([t.judged, t.failed, t.offenders.length]).toEqual([5000, 500, 3]);
    expect(t.byAnswer.get('POST /carts 201')).toEqual({ judged: 5000, failed: 500 });
  });

  test('an offender with a large body is kept cut, not whole', () => {
    const log = new AnswerLog(bff);
    log.observe(exchange({ body: { results: Array.from({ length: 3000 }, (_, i) => ({ id: `p-${i}`, name: 'x'.repeat(40) })) }, headers: { 'content-type': 'text/plain' } }));
    const kept = log.tally('HDR-01')!.offenders[0]!.exchange;
    expect(kept.response!.text.length).toBe(64 * 1024);
    expect(kept.response!.json).toBeUndefined();
  });

  test('judges that do not fit the pack do not run: v2 has no correlation header and a version pattern', () => {
    const log = new AnswerLog(v2);
    expect(log.tally('HDR-04')).toBeUndefined();
    expect(log.tally('HDR-05')).toBeUndefined();
    expect(log.tally('HDR-03')).toBeUndefined();
    expect(log.tally('FMT-03')).toBeUndefined();
    log.observe(exchange({ headers: { 'x-api-version': '2.1' }, body: {} }));
    log.observe(exchange({ headers: { 'x-api-version': 'v1.0' }, body: {} }));
    const t = log.tally('V2-VER-01')!;
    expect([t.judged, t.failed]).toEqual([2, 1]);
  });

  test('keeps the GET/HEAD requests answered 502/503/504 for gateway.ts, once each, not a documented 503', () => {
    const log = new AnswerLog(bff);
    log.observe(exchange({ path: '/orders?sort=status:asc', status: 503, body: { error: 'Service Unavailable' } }));
    log.observe(exchange({ path: '/orders?sort=status:asc', status: 503, body: { error: 'Service Unavailable' } }));
    log.observe(exchange({ method: 'POST', path: '/carts', status: 502 }));
    log.observe(exchange({ path: '/health/ready', op: 'healthReady', status: 503, body: { status: 'DOWN' } }));
    expect(log.gateway.met.map((ex) => ex.request.url)).toEqual(['http://127.0.0.1:1/orders?sort=status:asc']);
    expect([log.gateway.count, log.gateway.healthy]).toEqual([1, false]);
    log.observe(exchange({ body: {} }));
    expect(log.gateway.healthy).toBe(true);
  });

  test('an answer without a response is nothing to judge', () => {
    const log = new AnswerLog(bff);
    log.observe({ ...exchange({}), response: undefined, error: { code: 'ECONNRESET', message: 'reset' } });
    expect(log.tally('ERR-07')!.judged).toBe(0);
  });
});
