// Bench: what a journey costs k6. The browse journey (load/journeys/browse.ts, think time 0) and a
// bare k6 script sending the same five GETs (bench/k6/bare-browse.js) run at the same offered load
// (constant-arrival-rate, BENCH_RATE/s, default 400) against the reference server, alternating
// (bare, journey, bare, journey) so a busy machine's noise falls on both alike. Prints each run's
// achieved iterations/s and k6 CPU ms per iteration, then the journey/bare ratios (best run of
// each). The journey should stay within 15 % of the bare script: ratio >= 0.85.
// Needs a k6 v1.x binary in K6_BIN; without one it says it was skipped (exit 0).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const k6 = process.env.K6_BIN;
if (!k6 || !existsSync(k6)) {
  console.log('journey-cost: skipped (set K6_BIN to a k6 v1.x binary to measure the journey against a bare script)');
  process.exit(0);
}
const rate = Number(process.env.BENCH_RATE ?? 400);
const duration = process.env.BENCH_DURATION ?? '15s';
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const { startServer } = await import('../dist/src/server/index.js');
const server = await startServer({ port: 0, rateLimits: { windowMs: 1000, default: 1e9, search: 1e9, auth: 1e9 } });
const dir = mkdtempSync(join(tmpdir(), 'journey-cost-'));

/** One k6 run under /usr/bin/time: achieved iterations/s, drops, and k6's CPU seconds (less its init). */
function run(script, n, runRate = rate, runDuration = duration, initCpu = 0) {
  const summary = join(dir, `${n}.json`);
  const args = ['-f', '%U %S', k6, 'run', '--quiet', '--no-usage-report', '--summary-export', summary,
    '-e', `STOREFRONT_BASE_URL=${server.url}`, '-e', 'STOREFRONT_LOAD_THINK_TIME=0',
    '-e', `BENCH_RATE=${runRate}`, '-e', `BENCH_DURATION=${runDuration}`, join(here, 'k6', script)];
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited ${code}: ${err.slice(-500)}`));
      const [user, sys] = err.trim().split('\n').at(-1).split(' ').map(Number);
      const m = JSON.parse(readFileSync(summary, 'utf8')).metrics;
      const iterations = m.iterations.count;
      const cpu = user + sys;
      resolve({ script, cpu, rate: m.iterations.rate, iterations, dropped: m.dropped_iterations?.count ?? 0, cpuMsPerIteration: (Math.max(0, cpu - initCpu) * 1000) / iterations });
    });
  });
}

try {
  const results = { bare: [], journey: [] };
  const scripts = [['bare', 'bare-browse.js'], ['journey', 'journey-browse.ts']];
  // k6's start-up (compiling, 200 VUs' init code) is CPU too, the journey's larger: measured apart
  const init = {};
  for (const [kind, script] of scripts) init[kind] = (await run(script, `${kind}-init`, 1, '1s')).cpu;
  console.log(`k6 start-up CPU (1 s at 1/s): bare ${init.bare.toFixed(2)} s, journey ${init.journey.toFixed(2)} s (subtracted below)`);
  for (let i = 0; i < rounds; i++) {
    for (const [kind, script] of scripts) {
      const r = await run(script, `${kind}-${i}`, rate, duration, init[kind]);
      results[kind].push(r);
      console.log(`${kind.padEnd(7)} round ${i + 1}: ${r.rate.toFixed(1)} iterations/s achieved of ${rate} offered (${r.iterations} done, ${r.dropped} dropped), ${r.cpuMsPerIteration.toFixed(2)} k6 CPU ms/iteration`);
    }
  }
  const best = (list, f, pick) => pick(...list.map(f));
  const rateRatio = best(results.journey, (r) => r.rate, Math.max) / best(results.bare, (r) => r.rate, Math.max);
  const cpuRatio = best(results.journey, (r) => r.cpuMsPerIteration, Math.min) / best(results.bare, (r) => r.cpuMsPerIteration, Math.min);
  console.log(`journey/bare iteration rate at ${rate}/s offered: ${rateRatio.toFixed(2)} (budget >= 0.85); k6 CPU per iteration: ${cpuRatio.toFixed(2)}x the bare script's`);
  process.exitCode = rateRatio >= 0.85 ? 0 : 1;
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
