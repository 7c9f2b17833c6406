// The paging / sorting / filtering engine every paged route shares (PAG, SRT, FLT). A route
// declares its sort fields and filters as data (ListSpec); this file parses the query against that
// declaration, filters, then sorts (ties by id, SRT-06) before paging.ts cuts the page.

import { ApiError, type FieldError } from './errors.js';
import { pageOf, parsePaging, type ListContext, type Page } from './paging.js';
import { all, type Query } from './querystring.js';

export type Kind = 'number' | 'money' | 'timestamp' | 'boolean' | 'string' | 'enum' | 'id';
export type Op = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';
type Value = number | string | boolean | null;

export interface Field<T> {
  kind: Kind;
  get: (item: T) => Value;
  values?: readonly string[];
  nullable?: boolean;
}
export interface StructuredFilter<T> extends Field<T> {
  ops: readonly Op[];
}
export interface SimpleFilter<T> {
  kind: Kind;
  op: Op;
  field?: Field<T>;
  values?: readonly string[];
  /** custom matcher for values that are not compared directly (a category slug) */
  match?: (value: string) => (item: T) => boolean;
}
export interface ListSpec<T> {
  /** scope name the faults refer to: 'products', 'orders', ... */
  name: string;
  id: (item: T) => string;
  sort?: Record<string, Field<T>>;
  filters?: Record<string, StructuredFilter<T>>;
  simple?: Record<string, SimpleFilter<T>>;
  /** sorted copies of a static item array, keyed by the sort parameters */
  sortCache?: Map<string, T[]>;
}

export const collator = new Intl.Collator('en', { sensitivity: 'base' });
const OPS: readonly Op[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'];
const RANGE_OPS = new Set<Op>(['gt', 'gte', 'lt', 'lte']);
const NUMERIC = new Set<Kind>(['number', 'money', 'timestamp']);
const STRUCTURED = /^filter\[([A-Za-z][A-Za-z0-9_]*)(?:\[([A-Za-z]+)\])?\]$/;

export function compareValues(kind: Kind, a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (NUMERIC.has(kind)) return (a as number) - (b as number);
  if (kind === 'boolean') return (a ? 1 : 0) - (b ? 1 : 0);
  return collator.compare(String(a), String(b));
}

function test(kind: Kind, op: Op, actual: Value, expected: Value): boolean {
  if (op === 'eq') return actual === expected;
  if (op === 'ne') return actual !== expected;
  if (actual === null || expected === null) return false;
  const c = compareValues(kind, actual, expected);
  return op === 'gt' ? c > 0 : op === 'gte' ? c >= 0 : op === 'lt' ? c < 0 : c <= 0;
}

/** Parse a filter value for a kind; undefined means invalid. */
function parseValue(kind: Kind, raw: string, values?: readonly string[], nullable?: boolean): Value | undefined {
  switch (kind) {
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : undefined;
    case 'money':
      return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
    case 'timestamp': {
      if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw)) return undefined;
      const ms = Date.parse(raw);
      return Number.isNaN(ms) ? undefined : ms;
    }
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    case 'enum':
      return values?.includes(raw) ? raw : undefined;
    case 'id':
      return nullable && raw === 'null' ? null : raw.length ? raw : undefined;
    default:
      return raw;
  }
}

function filterError(ctx: ListContext, param: string, normalised: string, message: string): ApiError {
  const field = ctx.faults.has('flt-error-field-normalised') ? normalised : param;
  return new ApiError(400, 'Invalid filter parameter', 'INVALID_FILTER', [{ field, code: 'INVALID_VALUE', message }]);
}

type Predicate<T> = (item: T) => boolean;

function buildFilters<T>(q: Query, spec: ListSpec<T>, ctx: ListContext): Predicate<T>[] {
  const preds: Predicate<T>[] = [];
  const isProducts = spec.name === 'products';
  for (const key of Object.keys(q)) {
    const simple = spec.simple?.[key];
    if (simple) {
      for (const raw of all(q, key)) {
        if (simple.match) {
          preds.push(simple.match(raw));
          continue;
        }
        const value = parseValue(simple.kind, raw, simple.values);
        if (value === undefined) {
          if (isProducts && key === 'status' && ctx.faults.has('flt-bogus-status-empty')) {
            preds.push(() => false);
            continue;
          }
          throw filterError(ctx, key, key, `Invalid value '${raw}' for ${key}`);
        }
        let op = simple.op;
        if (isProducts && key === 'maxPrice' && ctx.faults.has('flt-max-price-exclusive')) op = 'lt';
        const get = simple.field!.get;
        const kind = simple.kind;
        preds.push((item) => test(kind, op, get(item), value));
      }
      continue;
    }
    if (!key.startsWith('filter')) continue;
    const m = STRUCTURED.exec(key);
    if (!m) throw filterError(ctx, key, key, `Malformed filter parameter '${key}'`);
    const [, name, opRaw] = m;
    const spec1 = spec.filters?.[name];
    if (!spec1) throw filterError(ctx, key, name, `Unknown filter field '${name}'`);
    const op = (opRaw ?? 'eq') as Op;
    if (!OPS.includes(op)) throw filterError(ctx, key, name, `Unknown operator '${opRaw}'`);
    if (!spec1.ops.includes(op)) {
      const rangeOnOther = RANGE_OPS.has(op) && !NUMERIC.has(spec1.kind);
      if (!rangeOnOther || ctx.modes.rangeOnNonNumeric === 'reject') {
        throw filterError(ctx, key, name, `Operator '${op}' is not supported on '${name}'`);
      }
    }
    for (const raw of all(q, key)) {
      const value = parseValue(spec1.kind, raw, spec1.values, spec1.nullable);
      if (value === undefined) {
        if (isProducts && name === 'price' && ctx.faults.has('flt-bad-number-ignored')) continue;
        throw filterError(ctx, key, name, `Invalid value '${raw}' for ${name}`);
      }
      let op1 = op;
      if (isProducts && name === 'price' && op === 'gte' && ctx.faults.has('flt-gte-as-gt-price')) op1 = 'gt';
      if (spec.name === 'orders' && name === 'status' && op === 'ne' && ctx.faults.has('flt-ne-as-eq-order-status')) op1 = 'eq';
      const get = spec1.get;
      const kind = spec1.kind;
      preds.push((item) => test(kind, op1, get(item), value));
    }
  }
  return preds;
}

interface SortKey<T> {
  name: string;
  field: Field<T>;
  desc: boolean;
}

function parseSort<T>(q: Query, spec: ListSpec<T>, ctx: ListContext): SortKey<T>[] {
  const keys: SortKey<T>[] = [];
  for (const raw of all(q, 'sort')) {
    const colon = raw.indexOf(':');
    const name = colon === -1 ? raw : raw.slice(0, colon);
    const dir = colon === -1 ? undefined : raw.slice(colon + 1);
    const field = spec.sort?.[name];
    if (!field) {
      if (spec.name === 'products' && ctx.faults.has('srt-unknown-field-ignored')) continue;
      const code = spec.name === 'categories' && ctx.faults.has('srt-unknown-field-wrong-code') ? 'INVALID_SORT' : 'INVALID_SORT_FIELD';
      throw new ApiError(400, 'Unsupported sort field', code, [
        { field: 'sort', code: 'UNSUPPORTED', message: `The sort field '${name}' is not supported` },
      ]);
    }
    let desc: boolean;
    if (dir === 'asc' || dir === 'desc') desc = dir === 'desc';
    else if (ctx.modes.lenientSort === 'accept' && (dir === undefined || /^(asc|desc)$/i.test(dir))) desc = dir?.toLowerCase() === 'desc';
    else if (ctx.faults.has('srt-bad-direction-as-asc')) desc = false;
    else {
      throw new ApiError(400, 'Invalid sort direction', 'INVALID_SORT_DIRECTION', [
        { field: 'sort', code: 'INVALID_VALUE', message: `Sort direction must be asc or desc, got '${dir ?? ''}'` },
      ]);
    }
    if (spec.name === 'products' && name === 'price' && desc && ctx.faults.has('srt-price-desc-ignored')) desc = false;
    keys.push({ name, field, desc });
  }
  if (spec.name === 'products' && keys.length > 1 && ctx.faults.has('srt-secondary-sort-ignored')) keys.length = 1;
  return keys;
}

function sortItems<T>(items: readonly T[], keys: SortKey<T>[], spec: ListSpec<T>, randomTies: boolean): T[] {
  const id = spec.id;
  const tie = randomTies ? new Map<T, number>(items.map((t) => [t, Math.random()])) : undefined;
  return [...items].sort((a, b) => {
    for (const k of keys) {
      const c = compareValues(k.field.kind, k.field.get(a), k.field.get(b));
      if (c !== 0) return k.desc ? -c : c;
    }
    if (tie) return tie.get(a)! - tie.get(b)!;
    const ia = id(a);
    const ib = id(b);
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
}

/** The whole list pipeline: filter (FLT), sort (SRT) before paging (PAG). */
export function listPage<T, R>(items: readonly T[], q: Query, spec: ListSpec<T>, ctx: ListContext, render: (t: T) => R): Page<R> {
  const f = ctx.faults;
  const products = spec.name === 'products';
  // Validate paging first so a bad limit is answered even with a bad sort (either is fine).
  parsePaging(q, ctx, spec.name);
  const preds = buildFilters(q, spec, ctx);
  const keys = parseSort(q, spec, ctx);
  const randomTies = products && f.has('srt-random-ties') && keys.length > 0;
  const perPage = products && f.has('srt-sorted-per-page') && keys.length > 0;
  let sorted: readonly T[] = items;
  if (keys.length && !perPage) {
    const cacheKey = keys.map((k) => `${k.name}:${k.desc ? 'd' : 'a'}`).join(',');
    const cached = !randomTies ? spec.sortCache?.get(cacheKey) : undefined;
    if (cached) sorted = cached;
    else {
      sorted = sortItems(items, keys, spec, randomTies);
      if (spec.sortCache && !randomTies) {
        if (spec.sortCache.size >= 256) spec.sortCache.clear(); // bounded: sort combinations are client-chosen
        spec.sortCache.set(cacheKey, sorted as T[]);
      }
    }
  }
  let filtered: readonly T[] = sorted;
  if (products && keys.length && f.has('srt-sorted-empty')) filtered = [];
  else if (products && preds.length > 1 && f.has('flt-and-empty')) filtered = [];
  else if (preds.length) {
    const or = products && preds.length > 1 && f.has('flt-or-instead-of-and');
    filtered = sorted.filter(or ? (t) => preds.some((p) => p(t)) : (t) => preds.every((p) => p(t)));
  }
  const totalOverride = products && preds.length && f.has('flt-total-unfiltered') ? items.length : undefined;
  if (perPage) {
    const page = pageOf(filtered, q, ctx, spec.name, (t) => t, totalOverride);
    return { ...page, results: sortItems(page.results, keys, spec, false).map(render) };
  }
  return pageOf(filtered, q, ctx, spec.name, render, totalOverride);
}

export type { FieldError, ListContext, Page };

