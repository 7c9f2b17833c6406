// Bench: a full conformance run against the embedded reference server, from the compiled code in
// dist/ (as `npx storefront-check` runs it). Prints wall time, checks and request count.
// Usage: node bench/run.mjs [--concurrency N] [--runs N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { concurrency: { type: 'string' }, runs: { type: 'string', default: '1' } } });
const { runSuites } = await import('../dist/src/engine/run.js');
const { resolveConfig } = await import('../dist/src/config/index.js');

const dir = mkdtempSync(join(tmpdir(), 'storefront-check-bench-'));
const runs = Number(values.runs);
let failed = false;
try {
  for (let i = 1; i <= runs; i++) {
    const config = resolveConfig({ concurrency: values.concurrency }, {}, dir);
    const t0 = performance.now();
    const r = await runSuites({ config, reportDir: join(dir, `run-${i}`), reporters: ['json'] });
    const wall = (performance.now() - t0) / 1000;
    const s = r.summary;
    console.log(
      `run ${i}/${runs}: ${wall.toFixed(1)} s wall, ${r.checks.length} checks (${s.passed} passed, ${s.failed} failed, ` +
        `${s.warned} warned, ${s.skipped} skipped), ${r.requests} requests, ${(r.requests / wall).toFixed(0)} req/s, ` +
        `exit ${r.exitCode}, ${config.concurrency} workers on ${cpus().length} cores, peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB (main)`,
    );
    if (r.exitCode !== 0) failed = true;
    if (wall > 60) {
      console.error(`bench run: ${wall.toFixed(1)} s is over the 60 s budget`);
      failed = true;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
