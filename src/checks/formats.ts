// FMT-01..04 semantics beyond the schema validation the engine runs on every response: each check
// walks the body of every readable operation and judges every node of its kind, wherever it sits:
// Money (fraction digits of the currency, integers only), every `...At` timestamp, LocalizedString
// fields, ids, versions and createdAt <= lastModifiedAt.

import type { Operation } from '../contract/types.js';
import type { Exchange } from '../http/types.js';
import type { CheckContext, CheckDef, JudgeScope } from './types.js';
import { answered, isObject, readable, sendOp } from './assert.js';
import { decimalMoneyProblem, minorUnit } from './money.js';
import { everyAnswerChecks } from './run-wide.js';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Visit every node of a JSON value with its JSON pointer and key. */
export function walk(value: unknown, visit: (node: unknown, ptr: string, key: string) => void, ptr = '', key = ''): void {
  // plain loops: the run-wide log walks every body of a run
  visit(value, ptr, key);
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walk(value[i], visit, `${ptr}/${i}`, String(i));
    return;
  }
  for (const k in value) {
    const escaped = k.includes('~') || k.includes('/') ? k.replace(/~/g, '~0').replace(/\//g, '~1') : k;
    walk((value as Record<string, unknown>)[k], visit, `${ptr}/${escaped}`, k);
  }
}

/** The body of op (a full page for paged ops), fetched once per worker for all format checks. */
async function bodyOf(ctx: CheckContext): Promise<Exchange> {
  const op = ctx.op!;
  const p = ctx.contract.conventions.paging;
  const ex = await ctx.memo(`${ctx.target.baseUrl} formats:${op.key}`, () => sendOp(ctx, op, op.paged ? { [p.limitParam]: p.maxLimit } : {}));
  if (ex.response?.status !== 200) ctx.skip(`${answered(ex)}: no body to judge`);
  return ex;
}


/** A judge of one node of a body; the run-wide log (src/engine/answer-log.ts) runs the same judges over every answer. */
export type Judge = (ctx: JudgeScope, node: unknown, ptr: string, key: string) => string | undefined;

export const money: Judge = (ctx, node, ptr) => {
  const m = ctx.contract.conventions.money;
  // decimal money (v2): judged once over the whole body, each amount against its nearest currency
  if (m.form === 'decimal') return ptr === '' ? decimalMoneyProblem(m, node) : undefined;
  if (!isObject(node) || !(m.amountField in node) || !(m.currencyField in node)) return undefined;
  const currency = node[m.currencyField];
  const amount = node[m.amountField];
  if (m.form !== 'centPrecision') return undefined;
  if (typeof amount !== 'number' || !Number.isInteger(amount)) return `${m.amountField} ${JSON.stringify(amount)} is not an integer of minor units`;
  for (const [k, v] of Object.entries(node)) if (typeof v === 'number' && !Number.isInteger(v)) return `${k} ${v} is a float; money carries no floats`;
  if (m.typeField && node[m.typeField] !== m.form) return `${m.typeField} ${JSON.stringify(node[m.typeField])}; expected "${m.form}"`;
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return `${m.currencyField} ${JSON.stringify(currency)} is not an ISO 4217 code`;
  const unit = minorUnit(currency);
  if (m.fractionDigitsField && unit !== undefined && node[m.fractionDigitsField] !== unit) {
    return `${m.fractionDigitsField} ${JSON.stringify(node[m.fractionDigitsField])} for ${currency}, whose ISO 4217 minor unit is ${unit}`;
  }
  return undefined;
};

/** pack.yaml `timestamps`: a field name, or a pattern written /…/ ('/At$/'). */
function isTimestampField(fields: readonly string[], key: string): boolean {
  return fields.some((f) => (/^\/.*\/$/.test(f) ? compiled(f.slice(1, -1)).test(key) : f === key));
}

/** Patterns of the pack, compiled once: the judges run on every node of every answer. */
const patterns = new Map<string, RegExp>();
function compiled(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(source)));
  return re;
}

export const timestamp: Judge = (ctx, node, _ptr, key) => {
  const t = ctx.contract.conventions.timestamps;
  if (!(t ? isTimestampField(t.fields, key) : /At$/.test(key)) || node === null) return undefined;
  const pattern = t ? compiled(t.pattern) : TIMESTAMP;
  if (typeof node !== 'string' || !pattern.test(node) || Number.isNaN(Date.parse(node))) {
    return `${key} ${JSON.stringify(node)} is not a UTC timestamp matching ${pattern.source}`;
  }
  // a real calendar time: 2024-02-30T10:00:00Z parses in some engines, round-tripping does not lie
  if (t && new Date(Date.parse(node)).toISOString().slice(0, 19) !== node.slice(0, 19)) return `${key} ${JSON.stringify(node)} is not a real calendar time`;
  return undefined;
};

/** Per operation: the pointers of its declared LocalizedString fields and the pattern of a result item's pointer (made once: judged on every node). */
const localizedFields = new WeakMap<Operation, { fields: string[]; item: RegExp }>();
function localizedOf(ctx: JudgeScope): { fields: string[]; item: RegExp } | undefined {
  const op = ctx.op;
  if (!op) return undefined;
  let got = localizedFields.get(op);
  if (!got) {
    const fields = [...op.sort, ...op.filters].filter((f) => f.type === 'localizedString').map((f) => f.pointer);
    got = { fields, item: new RegExp(`^/${ctx.contract.conventions.paging.envelope.results}/\\d+(/.*)$`) };
    localizedFields.set(op, got);
  }
  return got;
}

export const localized: Judge = (ctx, node, ptr) => {
  // fields the catalogue declares as LocalizedString (x-sort / x-filters) in each result item
  const declared = localizedOf(ctx);
  const m = declared?.fields.length ? declared.item.exec(ptr) : null;
  if (m && declared!.fields.includes(m[1]!)) {
    const issue = ctx.validateShape('LocalizedString', node)[0];
    if (issue) return `${JSON.stringify(node)} is not a LocalizedString: ${issue.pointer || '(root)'} ${issue.message}`;
  }
  // any object keyed by language tags is one: every value a string
  if (!isObject(node)) return undefined;
  const keys = Object.keys(node);
  if (keys.length && keys.every((k) => LANGUAGE_TAG.test(k))) {
    const bad = Object.entries(node).find(([, v]) => typeof v !== 'string');
    if (bad) return `locale ${bad[0]} maps to ${JSON.stringify(bad[1])}, not a string`;
  }
  return undefined;
};

const LANGUAGE_TAG = /^[a-z]{2}-[A-Z]{2}$/;

export const ids: Judge = (_ctx, node, _ptr, key) => {
  if (key === 'id' || (key.endsWith('Id') && /[a-z]Id$/.test(key))) {
    if (node !== null && typeof node !== 'string') return `${key} ${JSON.stringify(node)} is not a string`;
  } else if (key.endsWith('Ids') && /[a-z]Ids$/.test(key)) {
    if (!Array.isArray(node) || node.some((v) => typeof v !== 'string')) return `${key} ${JSON.stringify(node)} is not an array of string ids`;
  }
  if (!isObject(node)) return undefined;
  // a resource (an object with an id) that carries a version
  if ('id' in node && 'version' in node && (typeof node.version !== 'number' || !Number.isInteger(node.version) || node.version < 1)) {
    return `version ${JSON.stringify(node.version)}; a resource's version is an integer >= 1`;
  }
  for (const later of ['lastModifiedAt', 'updatedAt']) {
    if (typeof node.createdAt === 'string' && typeof node[later] === 'string' && Date.parse(node.createdAt) > Date.parse(node[later] as string)) {
      return `createdAt ${node.createdAt} is after ${later} ${String(node[later])}`;
    }
  }
  return undefined;
};

/** CART-01's "one currency throughout", judged wherever a Cart is read. */
export const oneCurrency: Judge = (ctx, node, ptr) => {
  if (ptr !== '') return undefined;
  const m = ctx.contract.conventions.money;
  const seen = new Set<string>();
  walk(node, (n) => {
    if (isObject(n) && m.currencyField in n && m.amountField in n) seen.add(String(n[m.currencyField]));
  });
  return seen.size > 1 ? `money in ${[...seen].join(' and ')}; a cart has one currency throughout` : undefined;
};

function walkCheck(clause: string, slug: string, title: string, judge: Judge, appliesTo: (op: Operation) => boolean = readable): CheckDef {
  return {
    slug, clause, title, appliesTo,
    async run(ctx) {
      const ex = await bodyOf(ctx);
      let nodes = 0;
      walk(ex.response!.json, (node, ptr, key) => {
        nodes++;
        const bad = judge(ctx, node, ptr, key);
        if (bad) ctx.fail(`${answered(ex)} where ${ptr || '(root)'}: ${bad} (${clause})`, ex);
      });
      ctx.note(`${nodes} nodes judged`);
    },
  };
}

export const formatChecks: CheckDef[] = [
  walkCheck('FMT-01', 'money-semantics', 'every Money is integer minor units with the currency\'s fraction digits', money),
  walkCheck('FMT-02', 'timestamps-utc', 'every ...At field is an RFC 3339 UTC timestamp ending in Z', timestamp),
  walkCheck('FMT-03', 'localized-strings', 'LocalizedString fields are objects of language tags to strings', localized),
  walkCheck('FMT-04', 'ids-versions', 'ids are strings, versions integers >= 1, createdAt <= lastModifiedAt', ids),
  // every node of every answer of the run, whichever family sent it (src/engine/answer-log.ts)
  ...everyAnswerChecks(['FMT-01', 'FMT-02', 'FMT-03', 'FMT-04']),
  walkCheck('CART-01', 'one-currency', 'a cart read back has one currency throughout', oneCurrency, (op) => readable(op) && op.clauses.includes('CART-01')),
];

