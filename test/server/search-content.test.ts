// Rows 12-13 and 35-36: search ranking and required query, suggestions, content by locale,
// searchInactive and localeFallback modes.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { boot, type Api } from './helpers.js';

let api: Api;
beforeAll(async () => {
  api = await boot();
});
afterAll(() => api.server.close());

test('row 12: query required; an active product is found by its exact en-AU name on page 1', async () => {
  for (const p of ['/search', '/search?query=', '/search/suggestions', '/search/suggestions?query=%20']) {
    const r = await api.get(p);
    expect(r.status, p).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ field: 'query', code: 'REQUIRED' })]);
  }
  const active = (await api.get('/products?filter[status]=active&limit=100')).body.results;
  for (const p of active.slice(0, 40)) {
    const r = await api.get(`/search?query=${encodeURIComponent(p.name['en-AU'])}`);
    expect(r.body.results.map((x: { id: string }) => x.id), p.name['en-AU']).toContain(p.id);
    expect(r.body.results[0].id).toBe(p.id);
  }
  const sofa = await api.get('/search?query=sofa&limit=100');
  expect(sofa.body.total).toBeGreaterThan(10);
  expect(sofa.body.results.some((p: { status: string }) => p.status !== 'active')).toBe(true);
});

test('row 13: at most 10 suggestions of known types', async () => {
  const r = await api.get('/search/suggestions?query=s');
  expect(r.body.query).toBe('s');
  expect(r.body.suggestions.length).toBeLessThanOrEqual(10);
  for (const s of r.body.suggestions) expect(['product', 'category', 'query']).toContain(s.type);
});

test('rows 35-36: content list and pages by locale', async () => {
  const au = await api.get('/content?limit=100');
  expect(au.body.total).toBeGreaterThan(20);
  for (const c of au.body.results) expect(['page', 'banner', 'block']).toContain(c.type);
  const nz = await api.get('/content?locale=en-NZ&limit=100');
  expect(nz.body.results.map((c: { slug: string }) => c.slug)).toContain('kiwi-delivery');
  expect((await api.get('/content/kiwi-delivery')).status).toBe(404);
  const page = await api.get('/content/footer');
  expect(page.body).toMatchObject({ slug: 'footer', locale: 'en-AU', title: expect.any(String), updatedAt: expect.stringMatching(/Z$/) });
  // fallback (default mode): a well-formed locale without content answers en-AU and says so
  expect((await api.get('/content/footer?locale=fr-FR')).body.locale).toBe('en-AU');
  expect((await api.get('/content/afterpay?locale=en-NZ')).body.locale).toBe('en-AU');
});

test('modes: searchInactive=exclude, localeFallback=404', async () => {
  const m = await boot({ modes: { searchInactive: 'exclude', localeFallback: '404' } });
  try {
    const r = await m.get('/search?query=sofa&limit=100');
    expect(r.body.results.every((p: { status: string }) => p.status === 'active')).toBe(true);
    expect((await m.get('/content/footer?locale=fr-FR')).status).toBe(404);
    expect((await m.get('/content?locale=fr-FR')).status).toBe(404);
    expect((await m.get('/content/footer?locale=en-NZ')).status).toBe(200);
  } finally {
    await m.server.close();
  }
});
