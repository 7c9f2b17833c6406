// Runs the suite against the reference server once per fault of the catalogue (restricted to the
// fault's clause, plus the families whose traffic shows it) and prints the detection table; `--write-readme` puts it into README.md between
// the fault-table markers. The project's tests assert the same detection (test/checks-*.test.ts);
// this script only renders it. Needs the compiled code: `npm run build`. `--pack storefront-v2`
// renders the v2 catalogue's table (markers fault-table-v2:start/end).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { runSuites } = await import(join(root, 'dist/src/engine/run.js'));
const { resolveConfig } = await import(join(root, 'dist/src/config/index.js'));
const at = process.argv.indexOf('--pack');
const pack = at > 0 ? process.argv[at + 1] : 'storefront-bff';
const FAULTS = pack === 'storefront-v2'
  ? (await import(join(root, 'dist/src/server/v2/faults.js'))).V2_FAULTS
  : (await import(join(root, 'dist/src/server/faults.js'))).FAULTS;

const cwd = mkdtempSync(join(tmpdir(), 'fault-table-'));
const config = resolveConfig({ pack }, {}, cwd);
const rows = [];
let next = 0;
async function worker() {
  while (next < FAULTS.length) {
    const fault = FAULTS[next++];
    const t0 = Date.now();
    const r = await runSuites({
      embedded: { faults: [fault.id] },
      config,
      // a fault on other families' traffic runs with the families whose requests show it (FaultInfo.traffic)
      only: [fault.clause, ...(fault.traffic ?? [])],
      reporters: ['json'],
      reportDir: mkdtempSync(join(cwd, 'r-')),
      // the BFF's families are all in the registry: run them in-process, fast
      ...(pack === 'storefront-bff' ? { driver: 'in-process' } : {}),
    });
    // a catch is a FAILED dedicated check citing the clause (test/catches.ts): an errored check is the
    // tool failing, and a schema result (…:schema-200, schema: true) alone is shown as schema-only
    const failed = r.checks.filter((c) => c.status === 'failed' && c.clause === fault.clause);
    const dedicated = failed.filter((c) => !c.schema).map((c) => c.id);
    const hits = dedicated.length ? dedicated : failed.map((c) => `${c.id} (schema only)`);
    const errored = r.checks.filter((c) => c.status === 'errored').length;
    rows.push({ fault, hits, dedicated: dedicated.length > 0 });
    process.stderr.write(`${dedicated.length ? 'caught ' : hits.length ? 'SCHEMA ' : 'MISSED '} ${fault.id} (${fault.clause}) ${Date.now() - t0} ms${errored ? ` (${errored} tool error(s)!)` : ''}\n`);
  }
}
await Promise.all([worker(), worker()]);
rows.sort((a, b) => FAULTS.indexOf(a.fault) - FAULTS.indexOf(b.fault));

const caught = rows.filter((r) => r.dedicated).length;
const shorten = (id) => id.split(':').slice(1).join(':');
const schemaOnly = rows.filter((r) => r.hits.length && !r.dedicated).length;
const lines = [
  `${FAULTS.length} faults, ${caught} caught by a failed dedicated check citing the fault's clause (run restricted to that clause, plus the families whose traffic shows it)` +
    `${schemaOnly ? `; ${schemaOnly} more seen by schema results only, not counted as caught` : ''}; the last column names the dedicated checks that failed.`,
  '',
  '| fault | clause | what it breaks | caught by (failed checks) |',
  '|---|---|---|---|',
  ...rows.map(({ fault, hits }) => {
    const shown = hits.slice(0, 2).map((h) => `\`${shorten(h)}\``).join(', ');
    const more = hits.length > 2 ? ` +${hits.length - 2} more` : '';
    return `| \`${fault.id}\` | ${fault.clause} | ${fault.title.replace(/\|/g, '\\|')} | ${hits.length ? shown + more : '**not caught**'} |`;
  }),
];
const table = lines.join('\n');
if (process.argv.includes('--write-readme')) {
  const file = join(root, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const marker = pack === 'storefront-v2' ? 'fault-table-v2' : 'fault-table';
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < 0) throw new Error('README.md has no fault-table markers');
  writeFileSync(file, readme.slice(0, i + start.length) + '\n' + table + '\n' + readme.slice(j));
  process.stderr.write('README.md updated\n');
} else {
  console.log(table);
}
process.exit(caught === FAULTS.length ? 0 : 1);
