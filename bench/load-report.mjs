// Bench: the load report builder on a generated k6 output of at least 2 million samples.
// Prints samples/s and peak RSS; targets: >= 200,000 samples/s and < 300 MB peak RSS.
// The file is generated (in a child process, so its memory does not count) when missing.
// Needs the compiled code: `npm run build`.

import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const input = join(here, 'out', 'k6-out.ndjson');
const outFile = join(here, 'out', 'load-report.html');
const TARGET_SAMPLES_PER_SEC = 200_000;
const TARGET_RSS_MB = 300;

if (!existsSync(input)) {
  const gen = spawnSync(process.execPath, [join(here, 'gen-k6-ndjson.mjs'), input, '2000000'], { stdio: 'inherit' });
  if (gen.status !== 0) process.exit(gen.status ?? 1);
}

const { buildLoadReport } = await import('../dist/src/load-report/index.js');
const t0 = performance.now();
const { model } = await buildLoadReport({
  ndjsonPath: input,
  outFile,
  target: 'generated (bench/gen-k6-ndjson.mjs)',
  profile: { name: 'bench ramp-hold-ramp', stages: [{ target: 100, duration: '4m30s' }, { target: 100, duration: '21m' }, { target: 0, duration: '4m30s' }] },
});
const seconds = (performance.now() - t0) / 1000;
const samples = model.run.points;
const perSec = samples / seconds;
// maxRSS is in kilobytes
const rssMb = process.resourceUsage().maxRSS / 1024;
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

console.log(`input:        ${input} (${mb(model.run.bytes)} MB)`);
console.log(`samples:      ${samples.toLocaleString('en-US')} (${model.run.parsedPoints.toLocaleString('en-US')} aggregated, ${model.totals.requests.toLocaleString('en-US')} requests, ${model.routes.length} routes)`);
console.log(`buckets:      ${model.run.buckets} x ${model.run.bucketSec} s`);
console.log(`time:         ${seconds.toFixed(2)} s`);
console.log(`samples/s:    ${Math.round(perSec).toLocaleString('en-US')} (target >= ${TARGET_SAMPLES_PER_SEC.toLocaleString('en-US')})`);
console.log(`peak RSS:     ${rssMb.toFixed(1)} MB (target < ${TARGET_RSS_MB} MB)`);
console.log(`report:       ${outFile} (${mb(statSync(outFile).size)} MB)`);

const ok = perSec >= TARGET_SAMPLES_PER_SEC && rssMb < TARGET_RSS_MB;
console.log(ok ? 'load-report bench: targets met' : 'load-report bench: TARGETS MISSED');
process.exit(ok ? 0 : 1);
