// Bench: the tool's peak memory against a hostile target. The CLI (dist/) runs as a child process
// against the reference server behind test/hostile/proxy.ts, which answers every GET /products with
// a streamed 200 MB JSON body. The tool must cut each body at --max-body and stay under 500 MB:
// the peak RSS of the CLI's whole process tree (the CLI and any worker it starts) is sampled from
// /proc every 20 ms, and each process's own high-water mark (VmHWM) is read while it lives.
// Two selections by default: PAG-01 (3 bodies) and PAG,SRT,FLT (~40 bodies, many read at once).
// Usage: node bench/hostile.mjs [--only PAG-01] [--mb 200]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';

const LIMIT_MB = 500;
const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { only: { type: 'string' }, mb: { type: 'string', default: '200' } } });
const selections = values.only ? [values.only] : ['PAG-01', 'PAG,SRT,FLT'];
const dir = mkdtempSync(join(tmpdir(), 'storefront-check-bench-hostile-'));

// the proxy and the process-tree reader are test helpers written in TypeScript: transpile them with the project's compiler
async function testHelper(name) {
  const source = readFileSync(join(here, '..', 'test', 'hostile', `${name}.ts`), 'utf8');
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
  return import(pathToFileURL(file).href);
}
const { startHostileProxy } = await testHelper('proxy');
const { processTree: tree } = await testHelper('proc-tree');
const { startServer } = await import('../dist/src/server/index.js');

// BENCH_BEHAVIOUR=pass: the same run against a well-behaved target, for comparison
const proxyBehaviour = process.env.BENCH_BEHAVIOUR ?? 'huge';
const server = await startServer({ port: 0 });
const hugeBytes = Number(values.mb) * 1024 * 1024;
const proxy = await startHostileProxy({
  behaviour: proxyBehaviour,
  upstream: server.url,
  hugeBytes,
  affects: (r) => r.method === 'GET' && r.url.startsWith('/products'),
});
let failed = false;
/** One CLI run with `only` against the proxy; prints its line, sets `failed` when over budget. */
async function measure(only, reports) {
  const before = proxy.requests.length;
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [join(here, '..', 'dist', 'src', 'cli', 'bin.js'), 'run', '--base-url', proxy.url, '--only', only, '--reporter', 'json', '--report-dir', reports],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  let peakTreeKb = 0;
  let peakMainKb = 0;
  const hwm = new Map();
  const sample = () => {
    const procs = tree(child.pid);
    let sum = 0;
    for (const [pid, m] of procs) {
      sum += m.rss;
      hwm.set(pid, Math.max(hwm.get(pid) ?? 0, m.hwm));
    }
    peakTreeKb = Math.max(peakTreeKb, sum);
    peakMainKb = Math.max(peakMainKb, procs.get(child.pid)?.hwm ?? 0);
  };
  const timer = setInterval(sample, 20);
  const code = await new Promise((ok) => child.on('exit', ok));
  clearInterval(timer);
  const wall = (performance.now() - t0) / 1000;
  const largest = Math.max(0, ...hwm.values());
  const mb = (kb) => (kb / 1024).toFixed(0);
  const sent = proxy.requests.slice(before).filter((r) => r.method === 'GET' && r.url.startsWith('/products')).length;
  const results = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8'));
  console.log(
    `--only ${only}, ${proxyBehaviour === 'huge' ? `hostile target, ${values.mb} MB body on each of ${sent} GET /products` : `${proxyBehaviour} target, ${sent} GET /products`}: peak RSS ${mb(peakTreeKb)} MB (whole process tree, sampled), ` +
      `${mb(peakMainKb)} MB (CLI process VmHWM), largest single process ${mb(largest)} MB, ${hwm.size} process(es); ` +
      `${wall.toFixed(1)} s wall, exit ${code}, ${results.checks.length} checks, limit ${LIMIT_MB} MB`,
  );
  if (process.env.BENCH_VERBOSE) for (const [pid, kb] of hwm) console.log(`  pid ${pid}${pid === child.pid ? ' (CLI)' : ''}: VmHWM ${mb(kb)} MB`);
  if (code === null || code > 3) {
    console.error(`bench hostile: the CLI exited ${code}\n${stderr.slice(-2000)}`);
    failed = true;
  }
  if (peakTreeKb / 1024 > LIMIT_MB) {
    console.error(`bench hostile: peak RSS ${mb(peakTreeKb)} MB is over the ${LIMIT_MB} MB budget`);
    failed = true;
  }
}
try {
  for (const [i, only] of selections.entries()) await measure(only, join(dir, `reports-${i}`));
} finally {
  await proxy.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
