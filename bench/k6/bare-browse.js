// Bench baseline: the browse journey's five GETs as a bare k6 script would send them: no checks,
// no groups, no custom metrics, one JSON.parse per list it needs. bench/journey-cost.mjs runs it
// at the same offered load as bench/k6/journey-browse.ts and compares the achieved iteration rates.
import http from 'k6/http';

const BASE = __ENV.STOREFRONT_BASE_URL;
const RATE = Number(__ENV.BENCH_RATE || 400);

export const options = {
  scenarios: {
    browse: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: __ENV.BENCH_DURATION || '20s',
      preAllocatedVUs: Number(__ENV.BENCH_VUS || 200),
      maxVUs: Number(__ENV.BENCH_VUS || 200),
    },
  },
  summaryTrendStats: ['avg', 'med', 'p(95)', 'p(99)', 'max', 'count'],
};

const params = { headers: { Accept: 'application/json', 'X-Api-Version': 'v1.0' } };

export default function () {
  const categories = JSON.parse(http.get(`${BASE}/categories?limit=100`, params).body).results;
  const category = categories[Math.floor(Math.random() * categories.length)];
  const products = JSON.parse(http.get(`${BASE}/products?category=${category.slug}&inStock=true&sort=price%3Aasc`, params).body).results;
  if (products.length === 0) return;
  const id = products[Math.floor(Math.random() * products.length)].id;
  http.get(`${BASE}/products/${id}`, params);
  http.get(`${BASE}/products/${id}/variants`, params);
  http.get(`${BASE}/products/${id}/media`, params);
}
