// A contract pack of one's own: a minimal pack (one paged endpoint with its own paging parameter
// and envelope names, its own error envelope, its own clause ids) written to a temporary folder,
// run with `--pack <dir>`-style selection against a small server written here (node:http on
// 127.0.0.1, port 0) that follows it. The library's paging and envelope checks read every name
// from the pack: they pass against the server, and an off-by-one in its paging fails them,
// citing the pack's own clauses.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveConfig } from '../src/config/index.js';
import { runSuites } from '../src/engine/run.js';
import type { CheckResult, RunResults } from '../src/results.js';

const cwd = mkdtempSync(join(tmpdir(), 'custom-pack-'));
const packDir = join(cwd, 'widget-pack');

const PACK_YAML = `
name: widget-pack
title: Widget API
auth:
  customer: { header: X-Widget-Key, scheme: raw }
  service: { header: X-Widget-Key, scheme: raw }
  login: { operationId: signIn, emailField: user, passwordField: secret, tokenPointer: /key, customerIdPointer: /userId }
headers: { apiVersion: X-Widget-Version, defaultApiVersion: '1' }
error:
  messageField: text
  codeField: kind
  errorsField: problems
  entry: { field: param, code: kind, message: text }
  codesByStatus:
    '400': [BAD_REQUEST, MALFORMED_JSON]
    '401': [UNAUTHORIZED]
    '404': [NOT_FOUND]
    '405': [METHOD_NOT_ALLOWED]
    '415': [UNSUPPORTED_MEDIA_TYPE]
    '422': [INVALID]
money: { form: centPrecision, amountField: cents, currencyField: currency }
paging:
  style: page
  limitParam: per
  offsetParam: p
  defaultLimit: 10
  minLimit: 1
  maxLimit: 50
  envelope: { limit: perPage, offset: pageNo, total: totalCount, results: entries, pages: pageCount }
sorting: { style: named, param: order, invalidFieldCode: BAD_REQUEST }
rateLimit: { status: 429, code: SLOW_DOWN, retryAfterHeader: Retry-After }
codes: { required: MISSING, invalidFormat: MALFORMED, outOfRange: OUT_OF_RANGE, unsupported: UNSUPPORTED }
clauseMap:
  PAG-01: W-PAG-01
  PAG-02: W-PAG-02
  PAG-04: W-PAG-03
  PAG-05: W-PAG-03
  PAG-08: W-PAG-03
  PAG-06: W-PAG-04
  PAG-07: W-PAG-05
  ERR-01: W-ERR-01
  ERR-02: W-ERR-01
  ERR-03: W-ERR-02
  ERR-04: W-ERR-03
  ERR-05: W-ERR-04
  ERR-06: W-ERR-04
  ERR-07: W-ERR-04
`;

const CLAUSES_YAML = `
clauses:
  - { id: W-PAG-01, family: W-PAG, level: MUST, summary: 'Without parameters p is 1 and per 10' }
  - { id: W-PAG-02, family: W-PAG, level: MUST, summary: 'pageCount is ceil(totalCount / perPage); pages before the last are full' }
  - { id: W-PAG-03, family: W-PAG, level: MUST, summary: 'per outside 1..50 or p < 1 gives 400 naming the parameter, or is clamped and echoed' }
  - { id: W-PAG-04, family: W-PAG, level: MUST, summary: 'p past the last page gives 200, no entries, the same totalCount' }
  - { id: W-PAG-05, family: W-PAG, level: MUST, summary: 'Walking every page yields every widget once' }
  - { id: W-ERR-01, family: W-ERR, level: MUST, summary: 'Every error body is { kind, text, problems? }' }
  - { id: W-ERR-02, family: W-ERR, level: MUST, summary: 'kind fits the status' }
  - { id: W-ERR-03, family: W-ERR, level: MUST, summary: 'A 422 names each offending param in problems' }
  - { id: W-ERR-04, family: W-ERR, level: MUST, summary: 'Unknown routes give 404, malformed JSON 400, never a 5xx' }
`;

const err = { $ref: '#/components/responses/Error' };
const OPENAPI_YAML = `
openapi: 3.1.0
info: { title: Widget API, version: '1' }
paths:
  /sessions:
    post:
      operationId: signIn
      x-row: 1
      x-auth: public
      x-clauses: [W-ERR-03, W-ERR-04]
      requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/SignIn' } } } }
      responses: { '401': ${JSON.stringify(err)}, '400': ${JSON.stringify(err)}, '415': ${JSON.stringify(err)}, '422': ${JSON.stringify(err)} }
  /widgets:
    get:
      operationId: listWidgets
      x-row: 2
      x-auth: public
      x-paged: true
      x-resource: Widget
      parameters:
        - { name: p, in: query, schema: { type: integer, minimum: 1 } }
        - { name: per, in: query, schema: { type: integer, minimum: 1, maximum: 50 } }
      responses:
        '200': { description: A page of widgets., content: { application/json: { schema: { $ref: '#/components/schemas/WidgetPage' } } } }
        '400': ${JSON.stringify(err)}
components:
  responses:
    Error: { description: An error., content: { application/json: { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } } }
  schemas:
    ErrorEnvelope: { $ref: './schemas/error.schema.json' }
    Widget: { $ref: './schemas/widget.schema.json' }
    SignIn: { type: object, required: [user, secret], properties: { user: { type: string, format: email }, secret: { type: string } } }
    WidgetPage:
      x-clause: W-PAG-02
      type: object
      required: [entries, pageNo, perPage, totalCount, pageCount]
      properties:
        entries: { type: array, items: { $ref: '#/components/schemas/Widget' } }
        pageNo: { type: integer, minimum: 1 }
        perPage: { type: integer, minimum: 1 }
        totalCount: { type: integer, minimum: 0 }
        pageCount: { type: integer, minimum: 0 }
`;

const ERROR_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'https://example.com/widget-pack/error.schema.json', title: 'ErrorEnvelope', 'x-clause': 'W-ERR-01',
  type: 'object', required: ['kind', 'text'],
  properties: {
    kind: { type: 'string', pattern: '^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$' }, text: { type: 'string', minLength: 1 },
    problems: { type: 'array', items: { 'x-clause': 'W-ERR-03', type: 'object', required: ['param', 'kind', 'text'], properties: { param: { type: 'string' }, kind: { type: 'string' }, text: { type: 'string' } } } },
  },
};
const WIDGET_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'https://example.com/widget-pack/widget.schema.json', title: 'Widget', 'x-clause': 'W-PAG-02',
  type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } },
};

function writePack(): void {
  mkdirSync(join(packDir, 'schemas'), { recursive: true });
  writeFileSync(join(packDir, 'pack.yaml'), PACK_YAML);
  writeFileSync(join(packDir, 'clauses.yaml'), CLAUSES_YAML);
  writeFileSync(join(packDir, 'openapi.yaml'), OPENAPI_YAML);
  writeFileSync(join(packDir, 'schemas', 'error.schema.json'), JSON.stringify(ERROR_SCHEMA));
  writeFileSync(join(packDir, 'schemas', 'widget.schema.json'), JSON.stringify(WIDGET_SCHEMA));
}

// ---- the server that follows the pack (or, with offByOne, skips the first widget of every page) ----

const WIDGETS = Array.from({ length: 23 }, (_, i) => ({ id: `w-${String(i + 1).padStart(2, '0')}`, name: `Widget ${i + 1}` }));

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
const fault = (res: ServerResponse, status: number, kind: string, text: string, problems?: unknown[]) => send(res, status, { kind, text, ...(problems ? { problems } : {}) });

function widgets(url: URL, res: ServerResponse, offByOne: boolean): void {
  const int = (name: string, min: number, max: number, fallback: number): number | undefined => {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === '') return fallback;
    const n = Number(raw);
    return /^[0-9]+$/.test(raw) && n >= min && n <= max ? n : undefined;
  };
  const per = int('per', 1, 50, 10);
  const p = int('p', 1, Number.MAX_SAFE_INTEGER, 1);
  if (per === undefined) return fault(res, 400, 'BAD_REQUEST', 'per must be 1..50', [{ param: 'per', kind: 'OUT_OF_RANGE', text: 'per must be 1..50' }]);
  if (p === undefined) return fault(res, 400, 'BAD_REQUEST', 'p must be a page number', [{ param: 'p', kind: 'OUT_OF_RANGE', text: 'p must be >= 1' }]);
  const start = (p - 1) * per + (offByOne ? 1 : 0);
  send(res, 200, { entries: WIDGETS.slice(start, start + per), pageNo: p, perPage: per, totalCount: WIDGETS.length, pageCount: Math.ceil(WIDGETS.length / per) });
}

async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let text = '';
  for await (const chunk of req) text += chunk;
  if (!/^application\/json/.test(req.headers['content-type'] ?? '')) return fault(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send JSON');
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text || '{}');
  } catch {
    return fault(res, 400, 'MALFORMED_JSON', 'the body is not JSON');
  }
  const problems = ['user', 'secret'].filter((k) => typeof body[k] !== 'string').map((param) => ({ param, kind: 'MISSING', text: `${param} is required` }));
  if (typeof body.user === 'string' && !/^[^@\s]+@[^@\s]+$/.test(body.user)) problems.push({ param: 'user', kind: 'MALFORMED', text: 'user is an email address' });
  if (problems.length) return fault(res, 422, 'INVALID', 'the sign-in is invalid', problems);
  fault(res, 401, 'UNAUTHORIZED', 'unknown user or wrong secret');
}

function widgetServer(offByOne: boolean): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/widgets') return req.method === 'GET' || req.method === 'HEAD' ? widgets(url, res, offByOne) : fault(res, 405, 'METHOD_NOT_ALLOWED', 'GET only');
    if (url.pathname === '/sessions' && req.method === 'POST') return void signIn(req, res);
    fault(res, 404, 'NOT_FOUND', 'no such route');
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function run(baseUrl: string): Promise<RunResults> {
  return runSuites({
    config: resolveConfig({ pack: packDir, baseUrl }, {}, cwd),
    only: ['W-PAG', 'W-ERR'],
    reporters: ['json'],
    reportDir: mkdtempSync(join(cwd, 'r-')),
    retry: { maxWaitMs: 1000 },
  });
}

const line = (c: CheckResult) => `${c.status} ${c.id}: ${c.message}`;

describe('a contract pack of ones own (widget-pack)', () => {
  const servers: Server[] = [];
  let good: string;
  let broken: string;
  beforeAll(async () => {
    writePack();
    servers.push(widgetServer(false), widgetServer(true));
    good = await listen(servers[0]!);
    broken = await listen(servers[1]!);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  test('the paging and envelope checks run with the pack names and pass against a server that follows it', async () => {
    const r = await run(good);
    expect(r.pack).toBe('widget-pack');
    const bad = r.checks.filter((c) => c.status === 'failed' || c.status === 'warned' || c.status === 'errored').map(line);
    expect(bad, bad.join('\n')).toEqual([]);
    const passed = (id: string) => r.checks.find((c) => c.id === id)?.status;
    for (const id of [
      'W-PAG-01:GET /widgets:defaults', 'W-PAG-02:GET /widgets:page-arithmetic', 'W-PAG-03:GET /widgets:limit-out-of-range',
      'W-PAG-03:GET /widgets:offset-invalid', 'W-PAG-03:GET /widgets:echo-applied', 'W-PAG-04:GET /widgets:past-the-end',
      'W-PAG-05:GET /widgets:full-walk', 'W-ERR-01:*:envelope', 'W-ERR-02:*:type-fits-status', 'W-ERR-04:*:unknown-route',
      'W-ERR-04:POST /sessions:malformed-json',
    ]) expect(passed(id), `${id}\n${r.checks.map(line).join('\n')}`).toBe('passed');
    // nothing of another pack ran: every check cites a clause of widget-pack
    expect(r.checks.filter((c) => !c.clause.startsWith('W-')).map(line)).toEqual([]);
  }, 120_000);

  test('an off-by-one in the paging fails them, citing the pack clauses', async () => {
    const r = await run(broken);
    const failed = r.checks.filter((c) => c.status === 'failed');
    expect(failed.map((c) => c.clause)).toEqual(expect.arrayContaining(['W-PAG-02', 'W-PAG-05']));
    const walk = failed.find((c) => c.id === 'W-PAG-05:GET /widgets:full-walk');
    expect(walk?.message).toMatch(/\(W-PAG-05\)/);
    expect(walk?.message).not.toMatch(/\bPAG-0[0-9]\b(?<!W-PAG-0[0-9])/);
  }, 120_000);
});
