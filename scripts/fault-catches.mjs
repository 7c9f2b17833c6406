// Names the checks each fault must fail (test/fixtures/fault-catches.json, read by test/catches.ts)
// from recordings of the fault tests: `RECORD_FAULT_CATCHES=/tmp/a.jsonl npx vitest run
// test/checks-a.test.ts test/checks-b.test.ts test/checks-v2.test.ts -t fault`, twice (a.jsonl,
// b.jsonl), then `node scripts/fault-catches.mjs /tmp/a.jsonl /tmp/b.jsonl`. A fault names the
// dedicated checks it failed in EVERY recording (at most MAX, in id order); faults already named
// keep their entry unless --replace. Prints what it added; the file is reviewed like code.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX = 4;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'test/fixtures/fault-catches.json');
const replace = process.argv.includes('--replace');
const recordings = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!recordings.length) {
  process.stderr.write('usage: node scripts/fault-catches.mjs <recording.jsonl>... [--replace]\n');
  process.exit(2);
}

/** fault → ids failed in every recording that ran it */
const seen = new Map();
for (const rec of recordings) {
  const mine = new Map();
  for (const l of readFileSync(rec, 'utf8').split('\n').filter(Boolean)) {
    const { fault, ids } = JSON.parse(l);
    mine.set(fault, new Set([...(mine.get(fault) ?? []), ...ids]));
  }
  for (const [fault, ids] of mine) seen.set(fault, seen.has(fault) ? new Set([...seen.get(fault)].filter((id) => ids.has(id))) : ids);
}
const doc = JSON.parse(readFileSync(file, 'utf8'));
let added = 0;
for (const [fault, ids] of seen) {
  if (doc.catches[fault] && !replace) continue;
  const named = [...ids].sort().slice(0, MAX);
  if (!named.length) {
    process.stderr.write(`${fault}: no check failed in every recording; not named\n`);
    continue;
  }
  doc.catches[fault] = named;
  added++;
  process.stderr.write(`${fault}: ${named.join(', ')}\n`);
}
doc.catches = Object.fromEntries(Object.entries(doc.catches).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
process.stderr.write(`${added} fault(s) named; ${Object.keys(doc.catches).length} in ${file}\n`);
