// The judge of a path parameter's source (x-params): what the answer of the operation that provides
// {productId} (GET /products?limit=1, pointer /results/0/id) means for the checks that need it.
// A value; a legitimately empty answer (a 200 with an empty list: a catalogue of any size is the
// server's free choice, CONTRACT.md section 4) the dependents skip for; transport trouble (no
// answer, 429, 502/503/504 retried by the client, a body cut at --max-body) the dependents skip
// for, naming it; or a finding of the source operation itself (a 5xx, a 4xx to the request the
// contract fully determines, a 2xx without the value), which the runtime records once and the
// dependents' skip reasons name.
// Pure: table-tested on recorded exchanges (param-source.test.ts).

import { isObject } from '../contract/json.js';
import { packClause } from '../contract/clause-map.js';
import type { ContractPack, Operation } from '../contract/types.js';
import type { Exchange } from '../http/types.js';
import type { CheckResult, Evidence } from '../results.js';
import { rootClause } from './schema-results.js';
import { familyOf } from './select.js';

export type SourceVerdict =
  | { kind: 'value'; value: string }
  /** nothing to depend on, and nothing wrong: the dependents skip with this reason */
  | { kind: 'empty'; reason: string }
  /** the answer is transport trouble (judged elsewhere: ERR-07 gateway-answers-clear): the dependents skip */
  | { kind: 'transport'; reason: string }
  /** a refusal of a request body the tool made up: not the target's fault for sure, the dependents skip */
  | { kind: 'unbuilt'; reason: string }
  /** the source operation broke the contract: one failed result citing `clause` */
  | { kind: 'finding'; clause: string; reason: string };

const GATEWAY = new Set([502, 503, 504]);

/** The request as a line, 'GET /collections?limit=1' (path and query, no host). */
export function requestLine(ex: Exchange): string {
  try {
    const u = new URL(ex.request.url);
    return `${ex.request.method} ${u.pathname}${u.search}`;
  } catch {
    return `${ex.request.method} ${ex.request.url}`;
  }
}

/**
 * Walk an RFC 6901 pointer; 'short' when a step indexes past the end of an array (the list held
 * fewer items than the pointer asks for: /results/0/id on an empty list), 'missing' otherwise.
 */
export function walk(value: unknown, ptr: string): { found: unknown } | { short: string } | { missing: string } {
  let cur = value;
  let at = '';
  for (const raw of ptr.split('/').slice(1)) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      const i = Number(step);
      if (!Number.isInteger(i) || i < 0) return { missing: `${at || '/'} is an array, not an object with "${step}"` };
      if (i >= cur.length) return { short: `${at || '/'} holds ${cur.length} item(s)` };
      cur = cur[i];
    } else if (isObject(cur) && step in cur) {
      cur = cur[step];
    } else {
      return { missing: `${at || '/'} has no "${step}"` };
    }
    at += `/${raw}`;
  }
  return { found: cur };
}

/** The clause a documented success answer of `op` proves (what a wrong one breaks). */
function successClause(contract: ContractPack, op: Operation, status?: number): string {
  const documented = op.responses.map((r) => Number(r.status)).find((s) => s >= 200 && s < 300) ?? 200;
  return rootClause(contract, op, status && status >= 200 && status < 300 ? status : documented);
}

/** `sampledBody`: the request carried a body the tool made up from the request schema (a write's required fields). */
export function judgeSource(contract: ContractPack, from: Operation, ex: Exchange, ptr: string, name: string, sampledBody = false): SourceVerdict {
  const line = requestLine(ex);
  const row = `catalogue row ${from.row}, the source of {${name}}`;
  const status = ex.response?.status;
  if (!ex.response || status === undefined) {
    return { kind: 'transport', reason: `${line} got no response (${ex.error?.code ?? 'error'}): transport trouble, not judged` };
  }
  if (GATEWAY.has(status) || status === 429) {
    return {
      kind: 'transport',
      reason: `${line} answered ${status} after the client's retries: transport trouble; ERR-07 (gateway-answers-clear) judges whether it persists`,
    };
  }
  if (status >= 500) {
    return {
      kind: 'finding',
      clause: packClause(contract, 'ERR-07'),
      reason: `${line} (${row}) answered ${status}: no request may give a 5xx other than 502/503/504 (${packClause(contract, 'ERR-07')})`,
    };
  }
  if (status >= 300 && sampledBody) {
    // the resolver's body holds the required fields only (an empty cart, ids it could not resolve):
    // a refusal may be the contract's own answer to it (an empty-cart checkout: 409 or 422)
    return { kind: 'unbuilt', reason: `${line} (${row}) answered ${status} to the minimal body the tool built from the request schema: not judged` };
  }
  if (status >= 300) {
    const clause = successClause(contract, from);
    const documented = from.responses.map((r) => r.status).filter((s) => /^2/.test(s)).join('/') || '2xx';
    return {
      kind: 'finding',
      clause,
      reason: `${line} (${row}), a valid request built from the contract, answered ${status} where ${documented} is documented (${clause})`,
    };
  }
  if (ex.response.truncated) {
    // the tool stopped reading at --max-body: the value may be past the cut (the body checks report the size)
    return { kind: 'transport', reason: `${line} answered ${status} with a body past --max-body, cut before ${ptr} could be read: not judged` };
  }
  const w = walk(ex.response.json, ptr);
  if ('short' in w) return { kind: 'empty', reason: `${line} answered ${status} with nothing at ${ptr}: ${w.short} (an empty list is the target's data, not a finding)` };
  if ('missing' in w || (typeof w.found !== 'string' && typeof w.found !== 'number')) {
    const clause = successClause(contract, from, status);
    const what = 'missing' in w ? w.missing : `${ptr} is ${JSON.stringify(w.found)?.slice(0, 60)}, not an id`;
    return { kind: 'finding', clause, reason: `${line} (${row}) answered ${status} without the documented value at ${ptr}: ${what} (${clause})` };
  }
  return { kind: 'value', value: String(w.found) };
}

/**
 * The one result of a failing source operation, `<clause>:<op key>:parameter-source` (not a CheckDef:
 * the runtime records it at the first failure and the run appends it, as it appends schema results).
 * A MUST clause fails, a SHOULD one warns, as for any check.
 */
export function sourceFinding(from: Operation, clause: string, level: string, message: string, evidence: Evidence): CheckResult {
  return {
    id: `${clause}:${from.key}:parameter-source`,
    clause,
    family: familyOf(clause),
    endpoint: from.key,
    title: `${from.key} provides the path parameters the catalogue's x-params take from it`,
    status: level === 'SHOULD' ? 'warned' : 'failed',
    message: `${message}; the checks needing it are skipped and name this result`,
    evidence: [evidence],
    durationMs: 0,
  };
}
