// V2-HDR-02..05: region and language headers (they belong to storefront-v2, whose pack.yaml names
// them: headers.region, headers.language). Every region of GET /config is asked for by its code,
// lower-cased, empty and unknown; its languages exactly, by primary subtag, by q-value, and with
// a language only another region has; prices, baskets and orders keep their region's currency;
// localised answers say which language they used.

import { answered, expectEnvelope, expectStatus, header, isObject, pointer, readable, resolveOrSkip } from './assert.js';
import { call, objectBody, type Json } from './flows.js';
import type { CheckContext, CheckDef } from './types.js';
import type { Operation, PackConventions } from '../contract/types.js';
import { decimalMoneyProblem } from './money.js';
import type { Exchange } from '../http/types.js';

export interface Region {
  code: string;
  currency: string;
  defaultLanguage: string;
  languages: string[];
}

interface LocaleHeaders {
  region: string;
  language: string;
  contentLanguage: string;
}

function names(ctx: CheckContext): LocaleHeaders {
  const h = ctx.contract.conventions.headers;
  if (!h.region || !h.language) return ctx.skip(`pack ${ctx.contract.name} names no region and language headers`);
  return { region: h.region, language: h.language.request, contentLanguage: h.language.response };
}

/** GET /config's regions and default region, memoised per worker. */
export async function regions(ctx: CheckContext): Promise<{ defaultRegion: string; regions: Region[] }> {
  return ctx.memo(`${ctx.target.baseUrl} regions`, async () => {
    const config = objectBody(ctx, await call(ctx, 'getConfig'), 200);
    const list = Array.isArray(config.regions) ? (config.regions as Region[]) : [];
    if (!list.length || typeof config.defaultRegion !== 'string') ctx.fail('GET /config lists no regions or no defaultRegion');
    return { defaultRegion: config.defaultRegion as string, regions: list };
  });
}

/** In-stock active products under `region` (default: the default region), at least n. */
export async function buyableIn(ctx: CheckContext, region: string | undefined, n = 1): Promise<Json[]> {
  const all = await ctx.memo(`${ctx.target.baseUrl} buyable:${region ?? ''}`, async () => {
    const ex = await call(ctx, 'listProducts', { query: { inStock: 'true', pageSize: 50 }, ...(region ? { headers: { 'X-Region': region } } : {}) });
    const items = pointer(objectBody(ctx, ex, 200), '/items');
    return (Array.isArray(items) ? items : []).filter((p): p is Json => isObject(p) && p.status === 'active' && p.inStock === true);
  });
  if (all.length < n) ctx.skip(`fewer than ${n} active in-stock products${region ? ` in ${region}` : ''}`);
  return all;
}

/** GET listProducts (page size 1) with the given locale headers. */
function ask(ctx: CheckContext, headers: Record<string, string>): Promise<Exchange> {
  return call(ctx, 'listProducts', { query: { pageSize: 1 }, headers });
}

function expectUsed(ctx: CheckContext, ex: Exchange, h: LocaleHeaders, region: string, language: string, why: string): void {
  expectStatus(ctx, ex, 200);
  const r = header(ex, h.region);
  if (r !== region) ctx.fail(`${answered(ex)} with ${h.region} ${JSON.stringify(r ?? null)}; ${why}: the region used is ${region} (V2-HDR-02)`, ex);
  const l = header(ex, h.contentLanguage);
  if (l !== language) ctx.fail(`${answered(ex)} with ${h.contentLanguage} ${JSON.stringify(l ?? null)}; ${why}: the language used is ${language} (V2-HDR-02)`, ex);
}

/** V2-HDR-02: each region by its code, the default without a header, each language negotiated against the region's own. */
async function negotiation(ctx: CheckContext): Promise<void> {
  const h = names(ctx);
  const { defaultRegion, regions: all } = await regions(ctx);
  const byCode = new Map(all.map((r) => [r.code, r]));
  const def = byCode.get(defaultRegion) ?? ctx.fail(`GET /config names defaultRegion ${defaultRegion}, which its regions do not list`);
  expectUsed(ctx, await ask(ctx, {}), h, def.code, def.defaultLanguage, `without ${h.region}, the default region's default language`);
  let asked = 1;
  for (const r of all) {
    expectUsed(ctx, await ask(ctx, { [h.region]: r.code }), h, r.code, r.defaultLanguage, `${h.region} ${r.code} without ${h.language}`);
    expectUsed(ctx, await ask(ctx, { [h.region]: r.code.toLowerCase() }), h, r.code, r.defaultLanguage, `${h.region} ${r.code.toLowerCase()} is echoed as the upper-case code of the region used`);
    for (const lang of r.languages) {
      expectUsed(ctx, await ask(ctx, { [h.region]: r.code, [h.language]: lang }), h, r.code, lang, `${h.language} ${lang}, one of ${r.code}'s languages`);
      asked++;
    }
    // q-values: the best-rated supported tag wins, whatever the order
    if (r.languages.length > 1) {
      const [a, b] = r.languages as [string, string];
      expectUsed(ctx, await ask(ctx, { [h.region]: r.code, [h.language]: `${a};q=0.3, ${b};q=0.9` }), h, r.code, b, `${a};q=0.3 and ${b};q=0.9`);
    }
    // primary subtag: xx-ZZ (no region has it) matches the region's first xx-YY, for every primary it has
    for (const primary of new Set(r.languages.map((l) => l.split('-')[0]!))) {
      const other = `${primary}-ZZ`;
      const want = r.languages.find((l) => l.split('-')[0] === primary)!;
      if (r.languages.includes(other)) continue;
      expectUsed(ctx, await ask(ctx, { [h.region]: r.code, [h.language]: other }), h, r.code, want, `${other} matches ${want} by its primary subtag`);
      asked++;
    }
    // a language only other regions have is unsupported here: the region's default
    const foreign = all.flatMap((o) => o.languages).find((l) => !r.languages.some((x) => x.split('-')[0] === l.split('-')[0]));
    if (foreign) expectUsed(ctx, await ask(ctx, { [h.region]: r.code, [h.language]: foreign }), h, r.code, r.defaultLanguage, `${foreign} is not a language of ${r.code}`);
    asked += 2;
  }
  ctx.note(`${all.length} regions, ${asked} negotiations`);
}

/** V2-HDR-03: codes match case-insensitively, empty is absent, an unlisted region is 400 UNSUPPORTED_REGION. */
async function regionCodes(ctx: CheckContext): Promise<void> {
  const h = names(ctx);
  const { defaultRegion, regions: all } = await regions(ctx);
  for (const r of all) {
    // the region used shows in the prices' currency (the echo's spelling is V2-HDR-02's)
    const ex = await ask(ctx, { [h.region]: r.code.toLowerCase() });
    const currency = pointer(objectBody(ctx, ex, 200), '/items/0/currency');
    if (currency !== undefined && currency !== r.currency) ctx.fail(`${answered(ex)} under ${h.region} ${r.code.toLowerCase()} priced in ${JSON.stringify(currency)}; ${r.code.toLowerCase()} is region ${r.code}, priced in ${r.currency} (V2-HDR-03)`, ex);
  }
  const empty = await ask(ctx, { [h.region]: '' });
  expectStatus(ctx, empty, 200);
  if (header(empty, h.region) !== defaultRegion) ctx.fail(`${answered(empty)} with ${h.region} ${JSON.stringify(header(empty, h.region) ?? null)}; an empty ${h.region} is absent: ${defaultRegion} (V2-HDR-03)`, empty);
  const unknown = ['ZZ', 'XQ'].find((c) => !all.some((r) => r.code === c))!;
  expectEnvelope(ctx, await ask(ctx, { [h.region]: unknown }), { status: 400, code: 'UNSUPPORTED_REGION' });
  const anyRegion = await ask(ctx, { [h.region]: all[0]!.code, [h.language]: 'zz-ZZ' });
  expectUsed(ctx, anyRegion, h, all[0]!.code, all[0]!.defaultLanguage, 'an Accept-Language matching nothing falls back, never an error');
}

/** V2-HDR-04: prices and baskets in the currency of the region used; an order keeps its currency whoever reads it where. */
async function currencies(ctx: CheckContext): Promise<void> {
  const h = names(ctx);
  const { regions: all } = await regions(ctx);
  const [product] = await buyableIn(ctx, undefined, 1);
  for (const r of all) {
    const detail = await call(ctx, 'getProduct', { params: { productId: String(product!.id) }, headers: { [h.region]: r.code } });
    const got = objectBody(ctx, detail, 200).currency;
    if (got !== r.currency) ctx.fail(`${answered(detail)} under ${h.region} ${r.code} priced in ${JSON.stringify(got)}; ${r.code}'s currency is ${r.currency} (V2-HDR-04)`, detail);
    const list = await call(ctx, 'listProducts', { query: { pageSize: 20 }, headers: { [h.region]: r.code } });
    const items = (pointer(objectBody(ctx, list, 200), '/items') ?? []) as Json[];
    const off = items.find((i) => i.currency !== r.currency);
    if (off) ctx.fail(`${answered(list)} under ${r.code} lists ${String(off.id)} in ${JSON.stringify(off.currency)}; expected ${r.currency} (V2-HDR-04)`, list);
  }
  ctx.note(`${all.length} regions priced in their currency`);
}

async function basketCurrency(ctx: CheckContext): Promise<void> {
  const h = names(ctx);
  const { regions: all } = await regions(ctx);
  for (const r of all) {
    const ex = await call(ctx, 'createBasket', { auth: 'customer', headers: { [h.region]: r.code } });
    const b = objectBody(ctx, ex, 200, 201);
    if (b.currency !== r.currency) ctx.fail(`${answered(ex)} under ${r.code} with currency ${JSON.stringify(b.currency)}; expected ${r.currency} (V2-HDR-04)`, ex);
  }
}

async function orderKeepsCurrency(ctx: CheckContext): Promise<void> {
  const h = names(ctx);
  const { regions: all } = await regions(ctx);
  const list = await call(ctx, 'listOrders', { query: { pageSize: 1 } });
  const orderId = pointer(objectBody(ctx, list, 200), '/items/0/id');
  if (typeof orderId !== 'string') return ctx.skip("the test customer's order history is empty");
  const seen: Array<[string, unknown, Exchange]> = [];
  for (const r of all) {
    const ex = await call(ctx, 'getOrder', { params: { orderId }, headers: { [h.region]: r.code } });
    seen.push([r.code, objectBody(ctx, ex, 200).currency, ex]);
  }
  const differ = seen.find(([, c]) => c !== seen[0]![1]);
  if (differ) ctx.fail(`order ${orderId} read under ${seen[0]![0]} is in ${JSON.stringify(seen[0]![1])} but under ${differ[0]} in ${JSON.stringify(differ[1])}; an order keeps its currency (V2-HDR-04)`, seen[0]![2], differ[2]);
}

/** V2-HDR-05: every localised read answers Content-Language of the language used, for each supported language. */
async function localised(ctx: CheckContext): Promise<void> {
  const h = names(ctx);
  const op = ctx.op!;
  const { regions: all } = await regions(ctx);
  for (const r of all) {
    for (const lang of r.languages) {
      const path = await resolveOrSkip(ctx, op);
      const ex = await ctx.send({ method: 'GET', path, query: op.requiredQuery, headers: { [h.region]: r.code, [h.language]: lang } });
      expectStatus(ctx, ex, 200);
      const got = header(ex, h.contentLanguage);
      if (got !== lang) ctx.fail(`${answered(ex)} under ${r.code} asking ${lang} with ${h.contentLanguage} ${JSON.stringify(got ?? null)}; localised text follows the language used: ${lang} (V2-HDR-05)`, ex);
    }
  }
}

/** V2-FMT-02 in every region: amounts have at most the minor-unit digits of that region's currency (JPY none). */
async function amountsPerRegion(ctx: CheckContext): Promise<void> {
  const h = names(ctx);
  const { regions: all } = await regions(ctx);
  for (const r of all) {
    const ex = await call(ctx, 'listProducts', { query: { pageSize: 100 }, headers: { [h.region]: r.code } });
    const bad = decimalMoneyProblem(ctx.contract.conventions.money, objectBody(ctx, ex, 200));
    if (bad) ctx.fail(`${answered(ex)} under ${r.code} where ${bad} (V2-FMT-02)`, ex);
  }
  ctx.note(`${all.length} regions`);
}

/** V2-ERR-05: the same error under every supported language has the same errorCode (the message may be translated). */
async function errorCodeUntranslated(ctx: CheckContext): Promise<void> {
  const h = names(ctx);
  const { regions: all } = await regions(ctx);
  const code = ctx.contract.conventions.error.codeField;
  const provocations: Array<{ what: string; send: (headers: Record<string, string>) => Promise<Exchange> }> = [
    { what: 'an unknown product', send: (headers) => call(ctx, 'getProduct', { params: { productId: 'zz-no-such-product' }, headers }) },
    { what: 'an unknown sort key', send: (headers) => call(ctx, 'listProducts', { query: { sort: 'zz_no_such_order' }, headers }) },
    { what: 'no token', send: (headers) => call(ctx, 'getMe', { auth: 'none', relogin: false, headers }) },
  ];
  for (const p of provocations) {
    const seen: Array<[string, unknown, Exchange]> = [];
    for (const r of all) for (const lang of r.languages) {
      const ex = await p.send({ [h.region]: r.code, [h.language]: lang });
      seen.push([`${r.code}/${lang}`, isObject(ex.response?.json) ? ex.response!.json[code] : undefined, ex]);
    }
    const other = seen.find(([, c]) => c !== seen[0]![1]);
    if (other) ctx.fail(`${p.what} answered ${code} ${JSON.stringify(seen[0]![1])} under ${seen[0]![0]} but ${JSON.stringify(other[1])} under ${other[0]}; the ${code} never depends on the language (V2-ERR-05)`, seen[0]![2], other[2]);
  }
}

/** Localised public reads: the catalogue's categories and products, content titles (x-clauses V2-HDR-05). */
const localisedRead = (op: Operation): boolean => readable(op) && op.auth === 'public' && op.clauses.includes('V2-HDR-05');

const decimalMoney = (c: PackConventions): boolean => c.money.form === 'decimal';

export const regionChecks: CheckDef[] = [
  { slug: 'negotiation', clause: 'V2-HDR-02', endpoint: 'GET /catalog/products', title: 'each region and each of its languages is used as asked; the default without headers; q-values, primary subtags and foreign languages negotiated', run: negotiation },
  { slug: 'region-codes', clause: 'V2-HDR-03', endpoint: 'GET /catalog/products', title: 'region codes are case-insensitive, empty is absent, an unlisted region is 400 UNSUPPORTED_REGION, an unmatched language falls back', run: regionCodes },
  { slug: 'catalogue-currency', clause: 'V2-HDR-04', endpoint: 'GET /catalog/products/{productId}', title: 'catalogue prices are in the currency of the region used', run: currencies },
  { slug: 'basket-currency', clause: 'V2-HDR-04', endpoint: 'POST /baskets', title: 'a basket takes the currency of the region it is created in', writes: true, needs: ['customer'], run: basketCurrency },
  { slug: 'order-keeps-currency', clause: 'V2-HDR-04', endpoint: 'GET /orders/{orderId}', title: 'an order keeps its currency whatever region reads it', needs: ['customer'], run: orderKeepsCurrency },
  { slug: 'amounts-per-region', clause: 'V2-FMT-02', endpoint: 'GET /catalog/products', title: "catalogue amounts carry at most the minor-unit digits of each region's currency", fitsPack: decimalMoney, run: amountsPerRegion },
  { slug: 'error-code-untranslated', clause: 'V2-ERR-05', endpoint: '*', title: 'an error has the same errorCode under every language', run: errorCodeUntranslated },
  { slug: 'content-language', clause: 'V2-HDR-05', title: 'a localised answer names the language used, for every supported language', appliesTo: localisedRead, run: localised },
];
