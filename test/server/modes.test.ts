// The free choices of CONTRACT.md section 4 not covered by the family tests, and the validation
// of modes, faults and options passed to startServer.
import { expect, test } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { FAULTS } from '../../src/server/faults.js';
import { boot } from './helpers.js';

test('missingApiVersion=reject: 400 without the header (health exempt), echo with it', async () => {
  const api = await boot({ modes: { missingApiVersion: 'reject' } });
  try {
    const bare = await fetch(api.server.url + '/products');
    expect(bare.status).toBe(400);
    const body = await bare.json();
    expect(body).toMatchObject({ status: 400, code: 'MISSING_API_VERSION', type: 'validation_error' });
    expect(bare.headers.get('x-api-version')).toBe('v1.0');
    expect(bare.headers.get('correlation-id')).toBeTruthy();
    expect((await fetch(api.server.url + '/health/live')).status).toBe(200);
    expect((await api.get('/products')).status).toBe(200);
  } finally {
    await api.server.close();
  }
});

test('errorType=omit drops `type` from every envelope', async () => {
  const api = await boot({ modes: { errorType: 'omit' } });
  try {
    for (const p of ['/nope', '/products?limit=0', '/customers/me']) {
      const r = await api.get(p);
      expect(r.body.type, p).toBeUndefined();
      expect(r.body.status).toBe(r.status);
    }
  } finally {
    await api.server.close();
  }
});

test('bodyOnBodyless: ignore (default) vs validate', async () => {
  const lenient = await boot();
  const strict = await boot({ modes: { bodyOnBodyless: 'validate' } });
  try {
    for (const [api, expected] of [[lenient, [200, 200]], [strict, [415, 400]]] as const) {
      const t = await api.login();
      const text = await api.req('POST', '/auth/token', { token: t, raw: 'hello', headers: { 'content-type': 'text/plain' } });
      const broken = await api.req('POST', '/auth/token', { token: t, raw: '{', headers: { 'content-type': 'application/json' } });
      expect([text.status, broken.status]).toEqual(expected);
      expect((await api.req('POST', '/auth/token', { token: t, body: {} })).status).toBe(200);
    }
  } finally {
    await Promise.all([lenient.server.close(), strict.server.close()]);
  }
});

test('invalid modes, faults and options are rejected with one-line messages', async () => {
  await expect(startServer({ port: 0, faults: ['no-such-fault'] })).rejects.toThrow(/unknown fault 'no-such-fault'.*--list-faults/);
  await expect(startServer({ port: 0, faults: ['pag-nope'] })).rejects.toThrow(/pag faults include pag-default-limit-25/);
  await expect(startServer({ port: 0, modes: { outOfRange: 'explode' as 'clamp' } })).rejects.toThrow(/invalid mode outOfRange=explode; valid values: reject, clamp/);
  await expect(startServer({ port: 0, modes: { nope: 1 } as never })).rejects.toThrow(/unknown mode 'nope'/);
  await expect(startServer({ port: 0, modes: { productCount: 0 } })).rejects.toThrow(/productCount/);
  await expect(startServer({ port: 0, rateLimits: { search: -1 } })).rejects.toThrow(/rate limit search/);
  const err = await startServer({ port: 0, faults: ['x'] }).catch((e: Error) => e);
  expect((err as Error).message).not.toContain('\n');
  // the CLI passes numeric-looking values as strings or numbers: both spellings work
  const s = await startServer({ port: 0, modes: { foreignResource: '404' as unknown as 404 } });
  await s.close();
});

test('the fault catalogue covers every MUST clause with unique kebab-case ids', () => {
  const clauses = new Set(FAULTS.map((f) => f.clause));
  const must = [
    ...['HDR', 6], ...['ERR', 7], ...['FMT', 4], ...['PAG', 8], ...['SRT', 6], ...['FLT', 6], ...['AUTH', 10], ...['IDM', 7], ...['RL', 3], ...['VER', 3], ...['CART', 2],
  ];
  for (let i = 0; i < must.length; i += 2) {
    for (let n = 1; n <= (must[i + 1] as number); n++) expect(clauses, `${must[i]}-0${n}`).toContain(`${must[i]}-${String(n).padStart(2, '0')}`);
  }
  expect(new Set(FAULTS.map((f) => f.id)).size).toBe(FAULTS.length);
  for (const f of FAULTS) expect(f.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
});
