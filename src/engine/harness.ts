// The glue between vitest and the CheckRuntime: every suites/<family>.suite.ts calls
// runFamily('PAG'). vitest runs the suite files one after another in one worker, so the glue does
// not let a file's pace set the run's: the first suite file queues the checks of EVERY family of
// the run (run.families) on the worker's one runtime and starts it, so all families share the one
// concurrency bound; each file then declares one vitest test per instance of its family, which
// hands back the runtime's result in task.meta. The first file also holds a `~progress` test that
// waits for the whole run and annotates each result as it lands (the main process shows progress
// from those annotations). The vitest tests themselves never fail: findings are data.

import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, inject, test } from 'vitest';
import { CHECK_FAMILIES, type FamilyName } from '../checks/index.js';
import type { CheckDef } from '../checks/types.js';
import { loadContract } from '../contract/load.js';
import type { CheckResult } from '../results.js';
import { PROGRESS_TEST, type LandedResult, type RunContext } from './context.js';
import { CheckRuntime } from './runtime.js';
import { expandChecks, selected } from './select.js';

class Worker {
  readonly results = new Map<string, Promise<CheckResult>>();
  /** results as they land, for the progress test */
  readonly landed: CheckResult[] = [];
  onLanded?: (r: CheckResult) => void;
  readonly rt: CheckRuntime;

  constructor(run: RunContext) {
    this.rt = new CheckRuntime({
      run, contract: loadContract(run.pack), concurrency: run.concurrency,
      onResult: (r) => {
        this.landed.push(r);
        this.onLanded?.(r);
      },
    });
  }
}

let worker: Worker | undefined;

function queue(w: Worker, family: string, checks: CheckDef[]): void {
  const run = inject('storefront');
  for (const inst of expandChecks(w.rt.contract, checks).filter((i) => selected(run.only, i.id, i.def.clause))) {
    if (!w.results.has(inst.id)) w.results.set(inst.id, w.rt.add(inst));
  }
}

/** The worker's runtime; created (with every family of the run queued and started) on first use. */
function workerState(): { w: Worker; first: boolean } {
  if (worker) return { w: worker, first: false };
  const run = inject('storefront');
  if (!run) throw new Error('runFamily: no run context (inject("storefront")); suites run through `storefront-check run`');
  const w = new Worker(run);
  // the terminal's Ctrl-C reaches this process too: stop checking, let the cleanups run; a signal to
  // the main process alone arrives as the stop file
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => w.rt.interrupt());
  // the file says why: 'deadline' when the run's --deadline passed, a signal's name otherwise
  const stopped = () => existsSync(run.stopFile) && w.rt.interrupt(/deadline/.test(readFileSync(run.stopFile, 'utf8')) ? 'deadline' : 'interrupted');
  const watch = setInterval(stopped, 100);
  watch.unref();
  stopped(); // stopped while this worker was booting: no check starts at all
  for (const family of run.families) queue(w, family, CHECK_FAMILIES[family as FamilyName] ?? []);
  worker = w;
  return { w, first: true };
}

export function runFamily(family: FamilyName | string, checks: CheckDef[] = CHECK_FAMILIES[family as FamilyName]): void {
  const { w, first } = workerState();
  queue(w, family, checks); // a family outside the registry (test fixtures) is queued by its own file
  w.rt.start();
  const run = inject('storefront');
  const mine = expandChecks(w.rt.contract, checks).filter((i) => selected(run.only, i.id, i.def.clause));
  describe(family, () => {
    // vitest 4 parses hook parameters: the first must be an object pattern, the suite comes second
    afterAll(async ({}, suite) => {
      suite.meta.storefrontFile = { family, ...(await w.rt.finish()) };
    });
    if (first) {
      test(PROGRESS_TEST, { timeout: 0 }, async ({ annotate, signal }) => {
        signal.addEventListener('abort', () => w.rt.interrupt(), { once: true });
        const sent: Promise<unknown>[] = [];
        const tell = ({ evidence, stack: _s, ...r }: CheckResult) => {
          const landed: LandedResult = { ...r, noResponse: Boolean(evidence?.some((e) => e.error)) };
          sent.push(annotate(JSON.stringify(landed), PROGRESS_TEST));
        };
        w.landed.forEach(tell);
        w.onLanded = tell;
        await Promise.all(w.results.values());
        w.onLanded = undefined;
        await Promise.all(sent);
      });
    }
    if (!mine.length) test.skip(`${family}: no check selected`, () => {});
    for (const inst of mine) {
      test(inst.id, { timeout: 0 }, async ({ task, signal }) => {
        signal.addEventListener('abort', () => w.rt.interrupt(), { once: true });
        task.meta.storefrontCheck = await w.results.get(inst.id)!;
      });
    }
  });
}
