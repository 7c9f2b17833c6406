// ERR-01..07: the error envelope and the statuses of errors. A battery of provocations (unknown
// routes and ids, bad sorts, missing query, no token, malformed and non-JSON bodies, 409 and 422
// answers) feeds the envelope checks, which then report every 4xx/5xx of the run (the run-wide log).

import type { Operation } from '../contract/types.js';
import type { Exchange, RequestSpec } from '../http/types.js';
import type { CheckContext, CheckDef, JudgeScope } from './types.js';
import { UPPER_SNAKE, answered, expectEnvelope, isObject, opRequest, readEnvelope, readable, resolveOrSkip, sendOp, splitByWrites } from './assert.js';
import { addressInput, buyable, call, newCart } from './flows.js';
import { CheckSkip } from './types.js';
import { sortSpelling } from './conventions.js';
import { type Provoked, v2WriteBattery } from './error-battery-v2.js';
import { gatewayChecks } from './gateway.js';
import { judgedRunWide } from './run-wide.js';
import { ownRequest } from './valid-requests.js';
import type { PackConventions } from '../contract/types.js';

const MALFORMED = '{"storefront-check": ';

/** A path no contract operation has; `under` prefixes it (an unknown sub-route of a real resource). */
function unknownRoute(under = ''): string {
  return `${under}/zz-storefront-check-${Math.random().toString(36).slice(2, 8)}`;
}

/** Same shape, other characters: digits stay digits, letters letters (hex stays hex), separators and a UUID's version/variant stay. */
export function mutateId(id: string, salt = 1): string {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const prefix = uuid ? '' : (/^[A-Za-z]+[-_]/.exec(id)?.[0] ?? '');
  const hex = uuid || /^[0-9a-f-]+$/i.test(id.slice(prefix.length));
  let n = salt * 7919;
  const next = (m: number) => ((n = (n * 1103515245 + 12345) % 2147483648), n % m);
  const out = [...id.slice(prefix.length)].map((ch, i) => {
    if (uuid && (i === 14 || i === 19)) return ch;
    if (/[0-9]/.test(ch)) return String((Number(ch) + 1 + next(9)) % 10);
    const alphabet = hex && /[a-f]/i.test(ch) ? 'abcdef' : 'abcdefghijklmnopqrstuvwxyz';
    if (!/[a-z]/i.test(ch)) return ch;
    const c = alphabet[(alphabet.indexOf(ch.toLowerCase()) + 1 + next(alphabet.length - 1)) % alphabet.length]!;
    return ch === ch.toUpperCase() ? c.toUpperCase() : c;
  });
  return prefix + out.join('');
}

/** op's path with its last path parameter replaced by an unknown, plausible value. */
async function unknownIdPath(ctx: CheckContext, op: Operation, salt: number): Promise<{ path: string; id: string }> {
  const real = (await resolveOrSkip(ctx, op)).split('/');
  const template = op.path.split('/');
  const at = template.map((s, i) => (s.startsWith('{') ? i : -1)).filter((i) => i >= 0).pop()!;
  const id = mutateId(decodeURIComponent(real[at]!), salt);
  real[at] = encodeURIComponent(id);
  return { path: real.join('/'), id };
}

/** GET op with an unknown id; a 200 whose id is the one asked for means we hit a real resource: try another. */
async function unknownId(ctx: CheckContext, op: Operation): Promise<Exchange> {
  const base = await opRequest(ctx, op);
  let ex: Exchange | undefined;
  for (let salt = 1; salt <= 3; salt++) {
    const { path, id } = await unknownIdPath(ctx, op, salt);
    ex = await ctx.send({ ...base, path });
    const got = isObject(ex.response?.json) ? ex.response!.json.id : undefined;
    if (!(ex.response?.status === 200 && got === id)) break;
  }
  return ex!;
}

const withIdParam = (op: Operation) => readable(op) && Object.keys(op.params).length > 0;
const publicOps = (ctx: CheckContext) => ctx.contract.operations.filter((o) => readable(o) && o.auth === 'public');


async function readBattery(ctx: CheckContext): Promise<Provoked[]> {
  const c = ctx.contract.conventions;
  const out: Provoked[] = [{ ex: await ctx.send({ method: 'GET', path: unknownRoute() }) }];
  for (const ex of await Promise.all(publicOps(ctx).filter(withIdParam).map((op) => unknownId(ctx, op)))) out.push({ ex });
  const sortable = publicOps(ctx).find((o) => o.paged && o.sort.length);
  if (sortable) out.push({ ex: await sendOp(ctx, sortable, { [c.sorting.param]: c.sorting.style === 'named' ? 'zz_not_a_sort_key' : sortSpelling(ctx, { ...sortable.sort[0]!, name: 'zz' }, 'asc') }) });
  for (const op of publicOps(ctx).filter((o) => Object.keys(o.requiredQuery).length)) {
    out.push({ ex: await sendOp(ctx, op, Object.fromEntries(Object.keys(op.requiredQuery).map((k) => [k, undefined]))) });
  }
  const customerOp = ctx.contract.operations.find((o) => readable(o) && o.auth === 'customer' && !Object.keys(o.params).length);
  if (customerOp) out.push({ ex: await ctx.send({ method: 'GET', path: customerOp.path, auth: 'none' }) });
  const login = ctx.contract.operations.find((o) => o.operationId === c.auth.login.operationId);
  if (login) {
    const l = c.auth.login;
    const creds = { [l.emailField]: 'storefront-check@example.com', [l.passwordField]: 'not-the-password-1', ...(l.captchaField ? { [l.captchaField]: 'storefront-check' } : {}) };
    out.push({ ex: await ctx.send({ method: 'POST', path: login.path, json: creds }) });
    out.push({ ex: await ctx.send({ method: 'POST', path: login.path, json: { ...creds, [l.emailField]: 'not-an-email' } }), field: l.emailField });
    out.push({ ex: await ctx.send({ method: 'POST', path: login.path, body: MALFORMED, headers: { 'Content-Type': 'application/json' } }) });
    out.push({ ex: await ctx.send({ method: 'POST', path: login.path, body: JSON.stringify(creds), headers: { 'Content-Type': 'text/plain' } }) });
  }
  return out.filter((p) => (p.ex.response?.status ?? 0) >= 400);
}

/** Provocations that need a writable target and a customer: 409/422 answers of the cart and address flows. */
async function writeBattery(ctx: CheckContext): Promise<Provoked[]> {
  if (!ctx.target.has.customer) ctx.skip('needs a signed-in test customer');
  const out: Provoked[] = [];
  const { cart } = await newCart(ctx);
  const address = addressInput('Check');
  const created = await call(ctx, 'createAddress', { json: { ...address, country: 'AU', postcode: 'ABC' } });
  const createdId = isObject(created.response?.json) ? created.response!.json.id : undefined;
  if (created.response?.status === 201 && typeof createdId === 'string') ctx.cleanup(() => call(ctx, 'deleteAddress', { params: { addressId: createdId } }));
  out.push({ ex: created, field: 'postcode' });
  const [product] = await buyable(ctx, 1);
  if (product) out.push({ ex: await call(ctx, 'addLineItem', { params: { cartId: String(cart.id) }, json: { productId: product.id, quantity: 0 } }), field: 'quantity' });
  const addresses = await call(ctx, 'listAddresses', { query: { limit: 1 } });
  const addressId = (addresses.response?.json as { results?: Array<{ id?: string }> } | undefined)?.results?.[0]?.id;
  if (addressId) out.push({ ex: await call(ctx, 'createCheckout', { json: { cartId: cart.id, shippingAddressId: addressId } }) });
  for (const p of out) if (p.ex.response && p.ex.response.status < 300 && p.field) ctx.fail(`${answered(p.ex)} to a request with an invalid ${p.field}; expected 422`, p.ex);
  return out.filter((p) => (p.ex.response?.status ?? 0) >= 400);
}

/** The write batteries by pack: each drives its pack's own flows (the BFF's carts and checkout, v2's registration, addresses, guest orders, cards). */
const WRITE_BATTERIES: Record<string, (ctx: CheckContext) => Promise<Provoked[]>> = { 'storefront-bff': writeBattery, 'storefront-v2': v2WriteBattery };
const hasWriteBattery = (c: PackConventions): boolean => c.name in WRITE_BATTERIES;

function battery(ctx: CheckContext, writes: boolean): Promise<Provoked[]> {
  const write = WRITE_BATTERIES[ctx.contract.conventions.name] ?? (() => ctx.skip(`pack ${ctx.contract.name} has no write battery`));
  return writes ? ctx.memo(`${ctx.target.baseUrl} errors:write-battery`, () => write(ctx)) : ctx.memo(`${ctx.target.baseUrl} errors:read-battery`, () => readBattery(ctx));
}

export function envelopeValid(ctx: JudgeScope, ex: Exchange): void {
  expectEnvelope(ctx, ex);
  const issue = ctx.validateShape('ErrorEnvelope', ex.response?.json)[0];
  if (issue) ctx.fail(`${answered(ex)} with an error envelope where ${issue.pointer || '(root)'} ${issue.message} (ERR-01)`, ex);
}

export function codeSnake(ctx: JudgeScope, ex: Exchange): void {
  const env = readEnvelope(ctx, ex);
  const f = ctx.contract.conventions.error;
  if (env?.code !== undefined && !UPPER_SNAKE.test(env.code)) ctx.fail(`${answered(ex)} with ${f.codeField} ${JSON.stringify(env.code)}; a code is UPPER_SNAKE_CASE (ERR-02)`, ex);
  for (const e of env?.errors ?? []) if (e.code !== undefined && !UPPER_SNAKE.test(e.code)) ctx.fail(`${answered(ex)} with an ${f.errorsField} entry code ${JSON.stringify(e.code)}; codes are UPPER_SNAKE_CASE (ERR-02)`, ex);
}

/** A pack's code list entry: a literal code, or a pattern written /…/. */
function codeMatches(entry: string, code: string): boolean {
  const m = /^\/(.*)\/$/.exec(entry);
  return m ? new RegExp(m[1]!).test(code) : entry === code;
}

/** ERR-03 by codes (pack.yaml error.codesByStatus): the code is one the pack allows for the status. */
function codeFits(ctx: JudgeScope, ex: Exchange): void {
  const f = ctx.contract.conventions.error;
  const status = ex.response!.status;
  const allowed = f.codesByStatus![String(status)] ?? (status >= 500 ? f.codesByStatus!['5xx'] : undefined);
  const code = readEnvelope(ctx, ex)?.code;
  if (allowed === undefined || code === undefined) return;
  if (!allowed.some((entry) => codeMatches(entry, code))) {
    ctx.fail(`${answered(ex)} with ${f.codeField} ${JSON.stringify(code)}; status ${status} fits ${allowed.join(', ')} (ERR-03)`, ex);
  }
}

export function typeFits(ctx: JudgeScope, ex: Exchange): void {
  const f = ctx.contract.conventions.error;
  if (f.codesByStatus) codeFits(ctx, ex);
  if (!f.typeField || !f.typeByStatus) {
    if (f.codesByStatus) return;
    ctx.skip('the pack defines no error type and no codes by status');
  }
  const raw = isObject(ex.response?.json) ? ex.response!.json[f.typeField] : undefined;
  if (raw === undefined) return;
  const status = ex.response!.status;
  const documented = new Set(Object.values(f.typeByStatus));
  const want = f.typeByStatus[String(status)] ?? (status >= 500 ? f.typeByStatus['5xx'] : undefined);
  if (!documented.has(String(raw)) || (want !== undefined && raw !== want)) {
    ctx.fail(`${answered(ex)} with ${f.typeField} ${JSON.stringify(raw)}; ${want ? `status ${status} fits ${want}` : `documented types: ${[...documented].join(', ')}`} (ERR-03)`, ex);
  }
}

function entriesName(ctx: CheckContext, p: Provoked): void {
  if (p.want !== undefined && p.ex.response?.status !== p.want) ctx.fail(`${answered(p.ex)}; a ${p.want === 422 ? 'well-formed body that breaks the rules' : 'conflict'} gives ${p.want} (ERR-04)`, p.ex);
  if (p.ex.response?.status !== 422) return;
  const f = ctx.contract.conventions.error;
  const env = expectEnvelope(ctx, p.ex, { status: 422 });
  const raw = env.raw[f.errorsField];
  if (!Array.isArray(raw) || raw.length === 0) ctx.fail(`${answered(p.ex)} with ${f.errorsField} ${JSON.stringify(raw ?? null)}; a 422 carries a non-empty ${f.errorsField} array (ERR-04)`, p.ex);
  for (const [i, e] of env.errors.entries()) {
    if (!e.code || !UPPER_SNAKE.test(e.code) || typeof e.message !== 'string' || !e.field) {
      ctx.fail(`${answered(p.ex)} with ${f.errorsField}[${i}] = ${JSON.stringify(raw[i])}; each entry has an UPPER_SNAKE_CASE ${f.entry.code}, a ${f.entry.message} and the offending ${f.entry.field} (ERR-04)`, p.ex);
    }
  }
  if (p.field && !env.errors.some((e) => e.field === p.field || e.field?.endsWith(`.${p.field}`))) {
    ctx.fail(`${answered(p.ex)} without an ${f.errorsField} entry whose ${f.entry.field} names ${p.field}, the offending field (ERR-04)`, p.ex);
  }
}

/** ERR-01/02/03 judge every error answer of the run (answer-judges.ts); once after the read battery, once after the write battery. */
const envelopeChecks: CheckDef[] = ([
  ['ERR-01', 'envelope', 'every error answer carries a valid envelope whose status is the HTTP status'],
  ['ERR-02', 'code-upper-snake', 'an envelope code is UPPER_SNAKE_CASE'],
  ['ERR-03', 'type-fits-status', 'an envelope type is documented and fits the status'],
] as const).flatMap(([clause, slug, title]) =>
  [false, true].map((writes): CheckDef => ({
    // atEnd: they judge every error answer the run received, whichever family provoked it;
    // a write battery drives its pack's own flows: only packs that have one (WRITE_BATTERIES)
    slug: writes ? `${slug}-write-battery` : slug, clause, title, endpoint: '*', writes, atEnd: true, ...(writes ? { fitsPack: hasWriteBattery } : {}),
    // the battery, then every error answer of the run (src/engine/answer-log.ts judged each as it came:
    // 502/503/504 bodies too, gateway.ts; only a documented 5xx body of its own, /health/ready's DOWN, is no envelope)
    run: async (ctx) => {
      await battery(ctx, writes);
      judgedRunWide(ctx, clause, 'error answers');
    },
  })),
);

async function malformedJson(ctx: CheckContext): Promise<void> {
  // a state-changing request goes to a resource of the run's own: a server that read the broken body
  // as {} would otherwise change the customer's existing order or address
  const op = ctx.op!;
  const base = op.writes ? await ownRequest(ctx, op) : await opRequest(ctx, op);
  const ex = await ctx.send({ ...base, body: MALFORMED, headers: { 'Content-Type': 'application/json' } });
  if (ex.response?.status !== 400) ctx.fail(`${answered(ex)} to the malformed JSON body ${MALFORMED}; expected 400 with the envelope (ERR-06)`, ex);
  expectEnvelope(ctx, ex, { status: 400 });
}

/** ERR-07: valid and invalid inputs over every public readable operation; none may give a 5xx. */
async function inputBattery(ctx: CheckContext): Promise<void> {
  const c = ctx.contract.conventions;
  const junk: Array<Record<string, string>> = [
    { [c.paging.limitParam]: '1e309' }, { [c.paging.offsetParam]: '99999999999999999999' }, { [c.sorting.param]: '::' },
    { [c.sorting.param]: '\u0000' }, ...(c.filtering ? [{ [`${c.filtering.param}[[`]: '1' }, { [`${c.filtering.param}[price[gte]]`]: 'NaN' }] : []),
    { locale: '\u00ff\u00fe' }, { query: `${'x'.repeat(2000)}'"<>` },
  ];
  const specs: RequestSpec[] = [];
  for (const op of ctx.contract.operations.filter(readable)) {
    try {
      await opRequest(ctx, op);
    } catch (err) {
      if (err instanceof CheckSkip) continue; // no customer, or its path needs a write on a read-only target
      throw err;
    }
    const variants: Array<Record<string, string>> = [{}, ...(op.paged ? junk : [])];
    for (const f of op.sort) for (const d of ['asc', 'desc'] as const) variants.push({ [c.sorting.param]: sortSpelling(ctx, f, d) });
    for (const q of variants) specs.push(await opRequest(ctx, op, q));
    if (withIdParam(op)) {
      const base = await opRequest(ctx, op);
      for (const bad of ['..', 'x'.repeat(400), "' OR 1=1 --", '\u{1F4A5}', '%ZZ']) specs.push({ ...base, path: base.path.replace(/[^/]+$/, encodeURIComponent(bad)) });
    }
  }
  // independent requests: in flight together; the battery's own answers (no-5xx-observed judges the whole run)
  noServerErrors(ctx, await ctx.sendAll(specs));
}

function noServerErrors(ctx: CheckContext, answers: readonly Exchange[]): void {
  const bad = answers.filter((ex) => (ex.response?.status ?? 0) >= 500 && ![502, 503, 504].includes(ex.response!.status));
  if (bad.length) ctx.fail(`${bad.length} request(s) answered 5xx, e.g. ${answered(bad[0]!)}; no request may give a 5xx other than 502/503/504 (ERR-07)`, ...bad.slice(0, 5));
  ctx.note(`${answers.length} answers to the battery, none 5xx`);
}

export const errorChecks: CheckDef[] = [
  ...envelopeChecks,
  {
    slug: 'field-names-422', clause: 'ERR-04', title: 'a 422 names the offending field in a non-empty errors array', endpoint: '*',
    run: async (ctx) => (await battery(ctx, false)).forEach((p) => entriesName(ctx, p)),
  },
  {
    slug: 'field-names-422-write-battery', clause: 'ERR-04', title: 'a 422 of the cart and address flows names the offending field', endpoint: '*', writes: true, fitsPack: hasWriteBattery,
    run: async (ctx) => (await battery(ctx, true)).forEach((p) => entriesName(ctx, p)),
  },
  {
    slug: 'unknown-id', clause: 'ERR-05', title: 'an unknown resource id gives 404', appliesTo: withIdParam,
    run: async (ctx) => void expectEnvelope(ctx, await unknownId(ctx, ctx.op!), { status: ctx.op!.auth === 'customer' ? [404, 403] : 404 }),
  },
  {
    slug: 'unknown-route', clause: 'ERR-05', title: 'an unknown route gives 404, also under a known resource', endpoint: '*',
    run: async (ctx) => {
      const under = new Set(['']);
      for (const op of publicOps(ctx).filter(withIdParam)) under.add(await resolveOrSkip(ctx, op));
      for (const prefix of under) expectEnvelope(ctx, await ctx.send({ method: 'GET', path: unknownRoute(prefix) }), { status: 404 });
    },
  },
  {
    // writes: not a write, but a non-GET that production's read-only guard (ENV-02) refuses to send
    slug: 'unsupported-method', clause: 'ERR-05', title: 'a method a known path does not support gives 404 or 405', endpoint: '*', writes: true,
    run: async (ctx) => {
      const op = publicOps(ctx).find((o) => !Object.keys(o.params).length && !ctx.contract.operations.some((x) => x.path === o.path && x.method === 'PATCH'));
      if (!op) return ctx.skip('no public path without PATCH');
      expectEnvelope(ctx, await ctx.send({ method: 'PATCH', path: op.path }), { status: [404, 405] });
    },
  },
  ...splitByWrites({ slug: 'malformed-json', clause: 'ERR-06', title: 'malformed JSON in a body gives 400', appliesTo: (op) => op.hasBody, run: malformedJson }),
  { slug: 'input-battery', clause: 'ERR-07', title: 'valid and invalid inputs never give a 5xx', endpoint: '*', run: inputBattery },
  { slug: 'no-5xx-observed', clause: 'ERR-07', title: 'no answer observed in this run was a 5xx', endpoint: '*', atEnd: 'last', repeatable: false, run: async (ctx) => judgedRunWide(ctx, 'ERR-07') },
  ...gatewayChecks,
];

