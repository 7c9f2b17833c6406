// Schema conformance as check results, aggregated in the main process over every response of the
// run: one result per operation + status (+ clause of the failing schema), id
// `${clause}:${op.key}:schema-${status}`. Passed when every validated response conformed,
// failed with pointer, expected and actual value and the evidence of the first offender.

import { isObject, type Json } from '../contract/json.js';
import type { SchemaIssue } from '../results.js';
import type { ContractPack, Operation } from '../contract/types.js';
import type { SchemaObservation } from './context.js';
import { familyOf } from './select.js';
import { packClause } from '../contract/clause-map.js';
import type { CheckResult } from '../results.js';


/** Merge the observations of several suite files (and of the main process's logins). */
export function mergeObservations(lists: SchemaObservation[][]): SchemaObservation[] {
  const merged = new Map<string, SchemaObservation>();
  for (const list of lists) {
    for (const o of list) {
      const key = `${o.operationId} ${o.status}`;
      const m = merged.get(key);
      if (!m) {
        merged.set(key, { ...o });
        continue;
      }
      m.validated += o.validated;
      m.failed += o.failed;
      if (!m.issues && o.issues) {
        m.issues = o.issues;
        m.evidence = o.evidence;
      }
    }
  }
  return [...merged.values()];
}

function follow(contract: ContractPack, value: unknown): unknown {
  let cur = value;
  for (let i = 0; i < 10 && isObject(cur) && typeof cur.$ref === 'string'; i++) {
    const ref = cur.$ref;
    if (ref.startsWith('#/')) {
      cur = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, k) => (isObject(node) ? node[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), contract.openapi);
    } else {
      try {
        cur = contract.schemaFile(ref);
      } catch {
        return undefined;
      }
    }
  }
  return cur;
}

/** The x-clause at the root of the documented response schema (what a conforming answer proves). */
export function rootClause(contract: ContractPack, op: Operation, status: number): string {
  const fallback = packClause(contract, status >= 400 ? 'ERR-01' : 'FMT-04');
  const pathItem = (contract.openapi.paths as Json | undefined)?.[op.path];
  const operation = isObject(pathItem) ? pathItem[op.method.toLowerCase()] : undefined;
  const responses = isObject(operation) && isObject(operation.responses) ? operation.responses : {};
  const family = `${Math.floor(status / 100)}`;
  const response = responses[String(status)] ?? responses[`${family}XX`] ?? responses[`${family}xx`] ?? responses.default;
  const resolved = follow(contract, response);
  const content = isObject(resolved) && isObject(resolved.content) ? resolved.content : {};
  const media = Object.entries(content).find(([t]) => t.includes('json'))?.[1];
  let schema = follow(contract, isObject(media) ? media.schema : undefined);
  for (let i = 0; i < 5 && isObject(schema); i++) {
    if (typeof schema['x-clause'] === 'string') return schema['x-clause'];
    const parts = (schema.allOf ?? schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
    if (!Array.isArray(parts) || !parts.length) break;
    schema = follow(contract, parts[0]);
  }
  return fallback;
}

function describeIssue(i: SchemaIssue): string {
  const parts = [`${i.pointer || '/'} ${i.message}`];
  if (i.expected !== undefined) parts.push(`expected ${JSON.stringify(i.expected)}`);
  if (i.actual !== undefined) parts.push(`actual ${JSON.stringify(i.actual)?.slice(0, 120)}`);
  return parts.join(', ');
}

export function schemaResults(contract: ContractPack, observations: SchemaObservation[]): CheckResult[] {
  const out: CheckResult[] = [];
  for (const o of observations) {
    let op: Operation;
    try {
      op = contract.byId(o.operationId);
    } catch {
      continue;
    }
    const base = (clause: string) => ({
      id: `${clause}:${op.key}:schema-${o.status}`,
      clause,
      family: familyOf(clause),
      endpoint: op.key,
      title: `${o.status} responses of ${op.key} match the documented schema`,
      schema: true,
      durationMs: 0,
    });
    if (!o.failed || !o.issues?.length) {
      out.push({ ...base(rootClause(contract, op, o.status)), status: 'passed', message: `${o.validated} response(s) conformed` });
      continue;
    }
    const byClause = new Map<string, SchemaIssue[]>();
    for (const issue of o.issues) byClause.set(issue.clause, [...(byClause.get(issue.clause) ?? []), issue]);
    for (const [clause, issues] of byClause) {
      out.push({
        ...base(clause),
        status: 'failed',
        message:
          `${o.failed} of ${o.validated} ${o.status} response(s) of ${op.key} did not match the schema: ` +
          issues.slice(0, 5).map(describeIssue).join('; '),
        evidence: o.evidence ? [o.evidence] : undefined,
      });
    }
  }
  return out;
}
