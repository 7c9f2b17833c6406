// Generates a realistic k6 `--out json` file for the load-report bench: the same line shapes as the
// real k6 v1.3 output in ../shared/k6-fixtures/ (Metric declarations, then Point samples with k6's
// system tags), 8 route names, a ramp-hold-ramp arrival rate over 30 minutes, some 429s and 5xx,
// and the `failed_requests` counter our k6 scripts emit with a correlation id.
//
//   node bench/gen-k6-ndjson.mjs [outFile] [minSamples]
// Defaults: bench/out/k6-out.ndjson, 2,000,000 samples. Deterministic (seeded), so runs compare.

import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT = join(here, 'out', 'k6-out.ndjson');

const ROUTES = [
  { name: 'GET /products', weight: 30, base: 12, status: () => 200 },
  { name: 'GET /products/{productId}', weight: 25, base: 8, status: (r) => (r < 0.004 ? 500 : 200) },
  { name: 'GET /search', weight: 15, base: 35, status: (r) => (r < 0.03 ? 429 : 200), allow429: true },
  { name: 'GET /categories', weight: 8, base: 5, status: () => 200 },
  { name: 'GET /cart', weight: 8, base: 10, status: () => 200 },
  { name: 'POST /cart/items', weight: 7, base: 18, status: (r) => (r < 0.01 ? 409 : 200) },
  { name: 'POST /checkout', weight: 4, base: 60, status: (r) => (r < 0.008 ? 503 : r < 0.015 ? 429 : 201) },
  { name: 'POST /auth/login', weight: 3, base: 25, status: (r) => (r < 0.002 ? 502 : 200) },
];
const TOTAL_WEIGHT = ROUTES.reduce((s, r) => s + r.weight, 0);
const DECLARATIONS = [
  ['http_reqs', 'counter', 'default'], ['http_req_duration', 'trend', 'time'], ['http_req_blocked', 'trend', 'time'],
  ['http_req_connecting', 'trend', 'time'], ['http_req_tls_handshaking', 'trend', 'time'], ['http_req_sending', 'trend', 'time'],
  ['http_req_waiting', 'trend', 'time'], ['http_req_receiving', 'trend', 'time'], ['http_req_failed', 'rate', 'default'],
  ['checks', 'rate', 'default'], ['data_sent', 'counter', 'data'], ['data_received', 'counter', 'data'],
  ['iteration_duration', 'trend', 'time'], ['iterations', 'counter', 'default'], ['vus', 'gauge', 'default'],
  ['vus_max', 'gauge', 'default'], ['rate_limited', 'counter', 'default'], ['failed_requests', 'counter', 'default'],
  ['dropped_iterations', 'counter', 'default'],
];

export function generate(outFile = DEFAULT_OUT, minSamples = 2_000_000) {
  mkdirSync(dirname(outFile), { recursive: true });
  const fd = openSync(outFile, 'w');
  let buf = '';
  const flush = (force) => {
    if (force || buf.length > 1 << 22) {
      writeSync(fd, buf);
      buf = '';
    }
  };
  let seed = 42;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const stamp = (ms) => new Date(ms).toISOString().slice(0, -1) + String(Math.floor(rand() * 1e6)).padStart(6, '0') + 'Z';
  const point = (metric, time, value, tags) => {
    buf += `{"metric":"${metric}","type":"Point","data":{"time":"${time}","value":${value},"tags":${tags}}}\n`;
  };
  const declared = new Set();
  const declare = (name) => {
    if (declared.has(name)) return;
    declared.add(name);
    const [, type, contains] = DECLARATIONS.find((d) => d[0] === name);
    buf += `{"type":"Metric","data":{"name":"${name}","type":"${type}","contains":"${contains}","thresholds":[],"submetrics":null},"metric":"${name}"}\n`;
  };

  const durationSec = 1800;
  const start = Date.UTC(2026, 10, 23, 8, 0, 0);
  let samples = 0;
  let iteration = 0;
  // peak rate chosen so the 30 minutes hold minSamples (14 samples per request, ramps average 0.85)
  const peak = Math.ceil((minSamples / 14 / (durationSec * 0.85)) * 1.03);
  for (let sec = 0; samples < minSamples || sec < durationSec; sec++) {
    const ramp = sec < 270 ? sec / 270 : sec > durationSec - 270 ? Math.max(0, (durationSec - sec) / 270) : 1;
    const rate = Math.max(1, Math.round(peak * ramp));
    const vus = Math.ceil(rate * 0.06) + 1;
    const vt = stamp(start + sec * 1000);
    for (const m of ['vus', 'vus_max']) {
      declare(m);
      point(m, vt, m === 'vus' ? vus : 400, '{}');
      samples++;
    }
    if (ramp === 1 && sec % 97 === 0) {
      declare('dropped_iterations');
      point('dropped_iterations', vt, 3, '{"scenario":"shop"}');
      samples++;
    }
    for (let k = 0; k < rate; k++) {
      iteration++;
      const t = start + sec * 1000 + (k * 1000) / rate;
      let pick = rand() * TOTAL_WEIGHT;
      const route = ROUTES.find((r) => (pick -= r.weight) < 0) ?? ROUTES[0];
      const status = route.status(rand());
      const failed = status >= 400 && !(status === 429 && route.allow429);
      const [method, path] = route.name.split(' ');
      const extra = status >= 400 ? `"error_code":"1${status}",` : '';
      const tags = `{${extra}"expected_response":"${!failed}","group":"::${route.name.startsWith('POST') ? 'buy' : 'browse'}","method":"${method}","name":"${route.name}","proto":"HTTP/1.1","scenario":"shop","status":"${status}","url":"${route.name}"}`;
      const duration = route.base * (0.6 + rand()) * (rand() < 0.01 ? 8 : 1) * (1 + 0.5 * ramp * ramp);
      const time = stamp(t + duration);
      for (const [m, v] of [
        ['http_reqs', 1], ['http_req_duration', duration.toFixed(6)], ['http_req_blocked', (rand() * 0.02).toFixed(6)],
        ['http_req_connecting', 0], ['http_req_tls_handshaking', 0], ['http_req_sending', (rand() * 0.05).toFixed(6)],
        ['http_req_waiting', (duration * 0.97).toFixed(6)], ['http_req_receiving', (duration * 0.02).toFixed(6)], ['http_req_failed', failed ? 1 : 0],
      ]) {
        declare(m);
        point(m, time, v, tags);
      }
      samples += 9;
      const itags = `{"group":"","scenario":"shop"}`;
      declare('checks');
      point('checks', time, status < 400 || status === 429 ? 1 : 0, `{"check":"${path} answered as documented","group":"","scenario":"shop"}`);
      samples++;
      if (status === 429) {
        declare('rate_limited');
        point('rate_limited', time, 1, itags);
        samples++;
      }
      if (status >= 400) {
        declare('failed_requests');
        point('failed_requests', time, 1, `{"correlation_id":"bench-${iteration}","group":"","method":"${method}","name":"${route.name}","scenario":"shop","status":"${status}"}`);
        samples++;
      }
      for (const [m, v] of [['data_sent', 180], ['data_received', 1400], ['iteration_duration', (duration + 1).toFixed(6)], ['iterations', 1]]) {
        declare(m);
        point(m, time, v, itags);
      }
      samples += 4;
      flush(false);
    }
  }
  flush(true);
  closeSync(fd);
  return { outFile, samples, iterations: iteration };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outFile = process.argv[2] ?? DEFAULT_OUT;
  const min = Number(process.argv[3] ?? 2_000_000);
  const t0 = performance.now();
  const r = generate(outFile, min);
  console.log(`gen-k6-ndjson: ${r.samples.toLocaleString('en-US')} samples, ${r.iterations.toLocaleString('en-US')} requests -> ${r.outFile} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
