import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { resolveConfig } from '/work/wt-dodges/src/config/index.js';
import { runSuites } from '/work/wt-dodges/src/engine/run.js';
const cwd = mkdtempSync(join(tmpdir(), 'dq-'));
const only = (process.env.ONLY ?? 'SRT,PAG,FLT,CART,IDM').split(',');
const modesList = JSON.parse(process.env.MODES ?? '[{}]');
test.each(modesList.map((m: object) => [JSON.stringify(m), m]) as Array<[string, object]>)('modes %s', async (_n, modes) => {
  const r = await runSuites({ embedded: { rateLimits: { windowMs: 2000 }, modes: modes as never, faults: (process.env.FAULTS ?? '').split(',').filter(Boolean) as never }, config: resolveConfig({}, {}, cwd), only, reporters: ['json'], reportDir: mkdtempSync(join(cwd, 'r-')), retry: { maxWaitMs: 3000 }, driver: 'in-process' });
  const bad = r.checks.filter((c) => c.status !== 'passed').map((c) => `${c.status} ${c.id}: ${c.message}`);
  console.log(`${r.checks.length} checks; ` + JSON.stringify(r.summary) + '\n' + bad.join('\n') + '\n' + r.setup.map((s) => s.level + ' ' + s.message).join('\n'));
  expect(r.checks.filter((c) => c.status === 'failed' || c.status === 'errored').length).toBe(0);
}, 600000);
