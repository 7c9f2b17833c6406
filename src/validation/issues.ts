// Turns ajv errors into SchemaIssues: a JSON pointer into the body, the keyword, what was
// expected and what was there, and the clause the failing schema is annotated with (x-clause of
// the innermost annotated schema around the failing keyword). Collapses ajv's noisy duplicates.

import type { ErrorObject } from 'ajv';
import type { SchemaIssue } from '../results.js';

/** schema object (by identity) -> x-clause of its innermost annotated ancestor, itself included */
export type ClauseIndex = WeakMap<object, string>;

/**
 * Record the clause of every sub-schema of `schema`. ajv (verbose) hands back the very schema
 * objects it was given as `parentSchema`, so a failing keyword finds its clause by identity,
 * however many $refs away from the root it sits.
 */
export function indexClauses(index: ClauseIndex, schema: unknown, inherited?: string): void {
  if (Array.isArray(schema)) {
    for (const item of schema) indexClauses(index, item, inherited);
    return;
  }
  if (typeof schema !== 'object' || schema === null || index.has(schema)) return;
  const own = (schema as Record<string, unknown>)['x-clause'];
  const clause = typeof own === 'string' ? own : inherited;
  if (clause !== undefined) index.set(schema, clause);
  for (const [key, value] of Object.entries(schema)) {
    if (key !== 'examples' && key !== 'const' && key !== 'enum' && key !== 'default') indexClauses(index, value, clause);
  }
}

const escapeToken = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function expectedOf(err: ErrorObject): unknown {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'type':
      return p.type;
    case 'enum':
      return p.allowedValues;
    case 'const':
      return p.allowedValue;
    case 'pattern':
      return p.pattern;
    case 'format':
      return p.format;
    case 'required':
      return p.missingProperty;
    case 'additionalProperties':
      return `no property ${String(p.additionalProperty)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${String(p.comparison)} ${String(p.limit)}`;
    default:
      return 'limit' in p ? p.limit : undefined;
  }
}

/** Keywords that only restate errors reported at the same pointer by their sub-schemas. */
const WRAPPERS = new Set(['if', 'then', 'else', 'allOf', 'anyOf', 'oneOf', 'not', 'propertyNames', '$ref']);

/** Map ajv errors (verbose: true) to SchemaIssues, one per pointer+keyword. */
export function toIssues(errors: readonly ErrorObject[] | null | undefined, index: ClauseIndex, fallbackClause: string): SchemaIssue[] {
  const byKey = new Map<string, SchemaIssue>();
  for (const err of errors ?? []) {
    if (err.keyword === 'if') continue;
    let pointer = err.instancePath || '/';
    let actual: unknown = err.data;
    if (err.keyword === 'required') {
      pointer = `${err.instancePath}/${escapeToken(String((err.params as { missingProperty: string }).missingProperty))}`;
      actual = undefined;
    }
    const propertyName = (err as { propertyName?: string }).propertyName;
    if (propertyName !== undefined) actual = propertyName;
    const parent = err.parentSchema;
    const clause = (parent && index.get(parent)) || fallbackClause;
    const issue: SchemaIssue = {
      pointer,
      keyword: err.keyword,
      message: propertyName !== undefined ? `property name '${propertyName}' ${err.message ?? ''}`.trim() : (err.message ?? 'is invalid'),
      expected: expectedOf(err),
      actual,
      clause,
    };
    const key = `${pointer} ${err.keyword}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, issue);
    else if (err.keyword === 'type' && seen.expected !== issue.expected) {
      // oneOf [ResourceId, null] fails twice on type: report one issue expecting either.
      seen.expected = [seen.expected, issue.expected].flat();
      seen.message = `must be ${(seen.expected as unknown[]).join(' or ')}`;
    }
  }
  const issues = [...byKey.values()];
  const concrete = new Set(issues.filter((i) => !WRAPPERS.has(i.keyword)).map((i) => i.pointer));
  return issues.filter((i) => !WRAPPERS.has(i.keyword) || !concrete.has(i.pointer));
}
