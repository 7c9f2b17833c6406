// The parameter-source judge on recorded exchanges: a value, an empty list (the target's data, not a
// finding), transport trouble (skip, named), or a finding of the source operation with its clause.
import { describe, expect, it } from 'vitest';
import { loadContract } from '../contract/load.js';
import type { Exchange } from '../http/types.js';
import { judgeSource, sourceFinding, walk } from './param-source.js';
import { rootClause } from './schema-results.js';

const contract = loadContract('storefront-bff');
const from = contract.byId('listCollections');
const url = 'http://127.0.0.1:9/collections?limit=1';

function ex(status: number | undefined, json?: unknown): Exchange {
  return {
    seq: 1, durationMs: 1, notes: [],
    request: { method: 'GET', url, headers: {} },
    ...(status === undefined
      ? { error: { code: 'ECONNRESET', message: 'reset' } }
      : { response: { status, headers: {}, text: JSON.stringify(json ?? {}), json } }),
  };
}

describe('walk', () => {
  it.each([
    [{ results: [{ id: 'c1' }] }, '/results/0/id', { found: 'c1' }],
    [{ results: [] }, '/results/0/id', { short: '/results holds 0 item(s)' }],
    [{ results: [{ id: 'a' }] }, '/results/1/id', { short: '/results holds 1 item(s)' }],
    [{ items: [] }, '/results/0/id', { missing: '/ has no "results"' }],
    [{ results: [{ name: 'x' }] }, '/results/0/id', { missing: '/results/0 has no "id"' }],
    [{ results: { a: 1 } }, '/results/0/id', { missing: '/results has no "0"' }],
  ])('%j at %s', (value, ptr, expected) => expect(walk(value, ptr)).toEqual(expected));
});

describe('judgeSource', () => {
  const success = rootClause(contract, from, 200);
  it.each([
    ['a value', ex(200, { results: [{ id: 'col-1' }] }), { kind: 'value', value: 'col-1' }],
    ['a numeric id', ex(200, { results: [{ id: 7 }] }), { kind: 'value', value: '7' }],
    ['an empty list: the data, not a finding', ex(200, { results: [], total: 0 }), { kind: 'empty' }],
    ['no response: transport', ex(undefined), { kind: 'transport' }],
    ['503 after retries: transport, judged by the gateway check', ex(503, { error: 'x' }), { kind: 'transport' }],
    ['429 after retries: transport', ex(429, {}), { kind: 'transport' }],
    ['a body cut at --max-body: not judged', { ...ex(200), response: { status: 200, headers: {}, text: '{"res', truncated: { limitBytes: 10, receivedBytes: 11 } } }, { kind: 'transport' }],
    ['500: an ERR-07 finding', ex(500, {}), { kind: 'finding', clause: 'ERR-07' }],
    ['501: an ERR-07 finding', ex(501, {}), { kind: 'finding', clause: 'ERR-07' }],
    ['404 to a valid request: the documented success clause', ex(404, {}), { kind: 'finding', clause: success }],
    ['200 without results: the success clause', ex(200, { items: [] }), { kind: 'finding', clause: success }],
    ['200 with an object id: the success clause', ex(200, { results: [{ id: { x: 1 } }] }), { kind: 'finding', clause: success }],
  ])('%s', (_what, exchange, expected) => {
    expect(judgeSource(contract, from, exchange, '/results/0/id', 'collectionId')).toMatchObject(expected);
  });

  it('a 4xx to a body the tool made up (a write source) is not a finding; a 5xx to it is', () => {
    const checkout = contract.byId('createCheckout');
    expect(judgeSource(contract, checkout, ex(422, {}), '/id', 'sessionId', true)).toMatchObject({ kind: 'unbuilt' });
    expect(judgeSource(contract, checkout, ex(500, {}), '/id', 'sessionId', true)).toMatchObject({ kind: 'finding', clause: 'ERR-07' });
    expect(judgeSource(contract, checkout, ex(201, { id: 's-1' }), '/id', 'sessionId', true)).toEqual({ kind: 'value', value: 's-1' });
  });

  it('a finding names the request, the catalogue row and the parameter', () => {
    const v = judgeSource(contract, from, ex(500, {}), '/results/0/id', 'collectionId');
    expect(v).toMatchObject({ reason: expect.stringContaining(`GET /collections?limit=1 (catalogue row ${from.row}, the source of {collectionId}) answered 500`) });
    const bad = judgeSource(contract, from, ex(400, {}), '/results/0/id', 'collectionId');
    expect(bad).toMatchObject({ reason: expect.stringMatching(/answered 400 where 200 is documented/) });
  });
});

describe('sourceFinding', () => {
  const evidence = { request: { method: 'GET', url, headers: {} }, curl: `curl '${url}'` };
  it('is one result of the source operation, failed under a MUST clause and warned under a SHOULD one', () => {
    expect(sourceFinding(from, 'ERR-07', 'MUST', 'GET /collections?limit=1 answered 500', evidence)).toMatchObject({
      id: 'ERR-07:GET /collections:parameter-source', clause: 'ERR-07', family: 'ERR', endpoint: 'GET /collections', status: 'failed',
      message: 'GET /collections?limit=1 answered 500; the checks needing it are skipped and name this result', evidence: [evidence],
    });
    expect(sourceFinding(from, 'HDR-07', 'SHOULD', 'm', evidence).status).toBe('warned');
  });
});
