// The pack's OpenAPI document as a first-class artefact: every example in it obeys the pack. What
// a mock server (`prism mock`) would serve for each operation and status — the media type's
// example, else its schema's first example — passes the project's validator for that operation
// and status and the response judges the suites run (paged arithmetic PAG-02, money FMT-01,
// timestamps FMT-02, ids and versions, one currency per cart, the error envelope ERR-01..03);
// every response header has an example matching its schema and its clause (HDR-03/05/07, RL-02);
// every schema's own examples validate against it. A count guards that no example goes unchecked.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UUID, isObject } from '../src/checks/assert.js';
import { codeSnake, envelopeValid, typeFits } from '../src/checks/errors.js';
import { ids, money, oneCurrency, timestamp, walk, type Judge } from '../src/checks/formats.js';
import { arithmetic } from '../src/checks/pagination.js';
import { CheckFailure, type CheckContext } from '../src/checks/types.js';
import { loadContract } from '../src/contract/load.js';
import type { Exchange } from '../src/http/types.js';
import { getValidator } from '../src/validation/validator.js';

const PACKS = ['storefront-bff'];
type Json = Record<string, unknown>;

describe.each(PACKS)('pack %s: its OpenAPI examples obey the pack', (packName) => {
  const contract = loadContract(packName);
  const validator = getValidator(contract);
  const doc = contract.openapi as Json;
  const components = doc.components as Record<string, Record<string, Json>>;
  const files = readdirSync(join(contract.dir, 'schemas')).filter((f) => f.endsWith('.schema.json'))
    .map((f) => ({ file: f, schema: JSON.parse(readFileSync(join(contract.dir, 'schemas', f), 'utf8')) as Json }));
  let checked = 0;

  const ref = (node: Json): Json => {
    const r = node.$ref;
    if (typeof r !== 'string') return node;
    if (r.startsWith('#/components/')) {
      const [kind, name] = r.slice('#/components/'.length).split('/');
      return ref(components[kind!]![name!]!);
    }
    const file = files.find((f) => r.endsWith(f.file));
    if (!file) throw new Error(`unresolved $ref ${r}`);
    return file.schema;
  };
  const firstExample = (node: Json | undefined): unknown => {
    if (!node) return undefined;
    if ('example' in node) return node.example;
    if (Array.isArray(node.examples)) return node.examples[0];
    if (isObject(node.examples)) return (Object.values(node.examples)[0] as Json | undefined)?.value;
    return node.$ref ? firstExample(ref(node)) : undefined;
  };

  // a minimal check context: the judges read the contract and the validator, and fail by throwing
  const ctx = {
    contract,
    validateShape: (name: string, value: unknown) => validator.validateShape(name, value),
    fail: (message: string): never => { throw new CheckFailure(message, []); },
    skip: (reason: string): never => { throw new Error(`skip: ${reason}`); },
  } as unknown as CheckContext;
  const judge = (fn: () => void): string | undefined => {
    try { fn(); return undefined; } catch (e) { if (e instanceof CheckFailure) return e.message; throw e; }
  };
  const exchange = (method: string, path: string, status: number, json: unknown): Exchange => ({
    seq: 0, durationMs: 0, notes: [],
    request: { method, url: `http://mock.example${path}`, headers: {} },
    response: { status, headers: {}, text: JSON.stringify(json), json },
  });
  const BODY_JUDGES: [string, Judge][] = [['money', money], ['timestamp', timestamp], ['ids', ids], ['one currency', oneCurrency]];

  const served = contract.operations.flatMap((op) => {
    const pathItem = (doc.paths as Record<string, Json>)[op.path]!;
    const responses = (pathItem[op.method.toLowerCase()] as Json).responses as Record<string, Json>;
    return Object.entries(responses).map(([code, r]) => ({ op, code, response: ref(r) }));
  });

  it.each(served.map((s) => [`${s.op.key} ${s.code}`, s] as const))('%s: what a mock serves passes the checks', (_name, { op, code, response }) => {
    const problems: string[] = [];
    const status = code === '5XX' ? 503 : code === '4XX' ? 400 : Number(code);
    const media = (response.content as Record<string, Json> | undefined)?.['application/json'];
    if (media) {
      const body = firstExample(media) ?? firstExample(media.schema as Json);
      if (body === undefined) problems.push('no example: a mock would invent one from the schema');
      else {
        checked++;
        for (const i of validator.validateResponse(op, status, body) ?? ['no schema for this status']) {
          problems.push(typeof i === 'string' ? i : `${i.pointer || '(root)'} ${i.message} (${i.clause})`);
        }
        const ex = exchange(op.method, op.path, status, body);
        walk(body, (node, ptr, key) => {
          for (const [name, j] of BODY_JUDGES) {
            const bad = j(ctx, node, ptr, key);
            if (bad) problems.push(`${name} at ${ptr || '(root)'}: ${bad}`);
          }
        });
        const envelope = ref(media.schema as Json).title === 'ErrorEnvelope';
        if (envelope) for (const j of [envelopeValid, codeSnake, typeFits]) problems.push(...[judge(() => j(ctx, ex))].filter((m): m is string => !!m));
        if (op.paged && status < 300 && isObject(body)) {
          const n = contract.conventions.paging.envelope;
          const page = { limit: body[n.limit], offset: body[n.offset], count: n.count === undefined ? undefined : body[n.count], total: body[n.total], results: body[n.results] } as Parameters<typeof arithmetic>[0];
          problems.push(...arithmetic(page).map((m) => `${m} (PAG-02)`));
          if (!Array.isArray(page.results) || page.results.length === 0) problems.push('a paged example with no result shows no item (PAG-02)');
        }
      }
    }
    for (const [name, h] of Object.entries((response.headers ?? {}) as Record<string, Json>)) {
      const header = ref(h);
      const schema = (header.schema ?? {}) as Json;
      const value = firstExample(header) ?? firstExample(schema);
      if (value === undefined) { problems.push(`header ${name}: no example (a mock sends "string")`); continue; }
      checked++;
      if (typeof value !== 'string') problems.push(`header ${name}: example ${JSON.stringify(value)} is not a string`);
      else {
        if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern as string).test(value)) problems.push(`header ${name}: ${value} does not match ${schema.pattern}`);
        const sent = firstExample(ref({ $ref: '#/components/parameters/ApiVersion' }).schema as Json) ?? (ref({ $ref: '#/components/parameters/ApiVersion' }).schema as Json).default;
        if (name === contract.conventions.headers.apiVersion && value !== sent) problems.push(`header ${name}: ${value} does not echo the request's ${String(sent)} (HDR-03)`);
        if (name === contract.conventions.headers.correlationId && !UUID.test(value)) problems.push(`header ${name}: ${value} is not a UUID (HDR-05)`);
        if (/^cache-control$/i.test(name) && !/private|no-store/.test(value)) problems.push(`header ${name}: ${value} lacks private or no-store (HDR-07)`);
      }
    }
    expect(problems.join('\n')).toBe('');
  });

  it.each(files.map((f) => [f.file, f] as const))('%s: its examples validate against it and pass the judges', (_f, { schema }) => {
    const examples = (schema.examples ?? []) as unknown[];
    expect(examples.length, 'a schema file carries at least one example').toBeGreaterThan(0);
    for (const example of examples) {
      checked++;
      expect(validator.validateShape(schema.title as string, example)).toEqual([]);
      walk(example, (node, ptr, key) => {
        for (const [name, j] of BODY_JUDGES) expect(j(ctx, node, ptr, key), `${name} at ${ptr || '(root)'}`).toBeUndefined();
      });
    }
  });

  it.each(Object.entries(components.schemas!).filter(([, s]) => s.examples))('components.schemas.%s: its examples validate', (name, s) => {
    for (const example of s.examples as unknown[]) expect(validator.validateShape(name, example)).toEqual([]);
  });

  it('request parameters with examples match their schema', () => {
    for (const [name, p] of Object.entries(components.parameters ?? {})) {
      const schema = (p.schema ?? {}) as Json;
      const value = firstExample(p) ?? firstExample(schema);
      if (value === undefined || typeof schema.pattern !== 'string') continue;
      expect(new RegExp(schema.pattern).test(String(value)), `${name}: ${String(value)}`).toBe(true);
    }
    if ('CorrelationId' in (components.parameters ?? {})) expect(UUID.test(String(firstExample(components.parameters!.CorrelationId!) ?? ''))).toBe(true);
  });

  it('CartUpdate.discountCode: its example makes a valid update', () => {
    const prop = ((components.schemas!.CartUpdate!.properties as Json).discountCode as Json).examples as unknown[];
    for (const code of prop) expect(validator.validateShape('CartUpdate', { discountCode: code })).toEqual([]);
  });

  it('no example in the document goes unjudged', () => {
    // every example sits where one of the tests above judges it
    const judged = [
      /^\/components\/schemas\/[^/]+\/examples$/,
      /^\/components\/(headers|parameters)\/[^/]+\/(example|schema\/examples)$/,
      /\/content\/application~1json\/example$/,
      /^\/components\/schemas\/CartUpdate\/properties\/discountCode\/examples$/,
    ];
    const unjudged: string[] = [];
    walk(doc, (_node, ptr, key) => { if ((key === 'example' || key === 'examples') && !judged.some((re) => re.test(ptr))) unjudged.push(ptr); });
    expect(unjudged).toEqual([]);
    expect(checked, 'the tests above judged examples').toBeGreaterThan(100);
  });
});
