// `npm run bench`: every benchmark of the project, one after another, each in its own process
// so peak-memory readings do not mix. Needs the compiled code (`npm run build`, done by npm ci).
// Pass names to run a subset: npm run bench -- server load-report
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benches = [
  ['server', 'reference server throughput and latency (autocannon)'],
  ['server-v2', 'v2 reference server throughput and latency (autocannon)'],
  ['run', 'full conformance run against the embedded server: wall time and request count'],
  ['judges', 'the run-wide judges (HDR, ERR, FMT on every answer) over ~1,900 recorded answers: ms per answer'],
  ['load-report', 'load report builder on a generated k6 output of 2M samples: samples/s and peak RSS'],
  ['hostile', 'a run against a target sending a 200 MB body on GET /products: the tool\'s peak RSS (budget 500 MB)'],
  ['journey-cost', 'k6 journey vs a bare script at the same offered load: iteration rate and CPU per iteration (needs K6_BIN)'],
];

if (!existsSync(join(here, '..', 'dist', 'src', 'cli', 'bin.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(2);
}
const wanted = process.argv.slice(2);
let failed = 0;
for (const [name, what] of benches) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n=== ${name}: ${what}`);
  const r = spawnSync(process.execPath, [join(here, `${name}.mjs`)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`bench ${name} exited ${r.status}`);
  }
}
process.exit(failed ? 1 : 0);
