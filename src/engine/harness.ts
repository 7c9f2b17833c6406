// The glue between vitest and the CheckRuntime: every suites/<family>.suite.ts calls
// runFamily('PAG'). In the worker (one per run) it builds one runtime from the run context
// (inject('storefront')), queues the family's selected instances when the file is collected, and
// declares one vitest test per instance that hands back the runtime's result in task.meta. The
// runtime starts with the first test, so every suite file's checks are queued before any runs and
// all families share the one concurrency bound. The vitest test itself never fails: findings are data.

import { afterAll, describe, inject, test } from 'vitest';
import { CHECK_FAMILIES, type FamilyName } from '../checks/index.js';
import type { CheckDef } from '../checks/types.js';
import { loadContract } from '../contract/load.js';
import './context.js';
import { CheckRuntime } from './runtime.js';
import { expandChecks, selected } from './select.js';

let runtime: CheckRuntime | undefined;

function workerRuntime(): CheckRuntime {
  if (runtime) return runtime;
  const run = inject('storefront');
  if (!run) throw new Error('runFamily: no run context (inject("storefront")); suites run through `storefront-check run`');
  const rt = new CheckRuntime({ run, contract: loadContract(run.pack), concurrency: run.concurrency });
  // the terminal's Ctrl-C reaches this process too: stop checking, let the cleanups run
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => rt.interrupt());
  return (runtime = rt);
}

export function runFamily(family: FamilyName | string, checks: CheckDef[] = CHECK_FAMILIES[family as FamilyName]): void {
  const rt = workerRuntime();
  const run = inject('storefront');
  const instances = expandChecks(rt.contract, checks).filter((i) => selected(run.only, i.id, i.def.clause));
  if (!instances.length) {
    test.skip(`${family}: no check selected`, () => {});
    return;
  }
  const results = new Map(instances.map((i) => [i.id, rt.add(i)]));
  describe(family, () => {
    // vitest 4 parses hook parameters: the first must be an object pattern, the suite comes second
    afterAll(async ({}, suite) => {
      suite.meta.storefrontFile = { family, ...(await rt.finish()) };
    });
    for (const inst of instances) {
      test(inst.id, { timeout: 0 }, async ({ task, signal }) => {
        signal.addEventListener('abort', () => rt.interrupt(), { once: true });
        rt.start();
        task.meta.storefrontCheck = await results.get(inst.id)!;
      });
    }
  });
}
