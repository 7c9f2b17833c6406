// The two ways a run executes its checks, once the target is probed and the customers are logged
// in: through vitest over suites/*.suite.ts (the CLI: one forked worker holds the run's runtime) or
// in-process on a CheckRuntime (the project's tests, library use). Both report progress, watch for a
// lost target after a request got no response, and hand run.ts what they executed (Executed).

import { CHECK_FAMILIES } from '../checks/index.js';
import type { CheckDef, TargetInfo } from '../checks/types.js';
import type { ContractPack } from '../contract/types.js';
import type { NamedSecret } from '../http/redact.js';
import type { Reporter } from '../report/index.js';
import type { CheckResult, ProgressEvent, RunResults } from '../results.js';
import type { BaselineEntry } from './baseline.js';
import { ResultCollector } from './collector.js';
import type { RunContext, SchemaObservation } from './context.js';
import { probePath, probeTarget } from './probe.js';
import type { RunOptions } from './run.js';
import { CheckRuntime } from './runtime.js';
import { expandChecks, selected } from './select.js';
import { runVitest } from './vitest-runner.js';

/** The reason a run stopped by its --deadline is aborted with (summary.ts names it in the verdict). */
export const DEADLINE = 'deadline';

/** What a run knows before it sends anything. */
export interface Plan {
  contract: ContractPack;
  only: string[];
  reporters: Reporter[];
  baselineEntries?: BaselineEntry[];
  reportDir: string;
  started: Date;
  t0: number;
  setup: RunResults['setup'];
  progress(e: ProgressEvent): void;
  /** every secret the run learns, for the reports' write-time redaction */
  secrets: NamedSecret[];
}

/** What executing the checks produced. */
export interface Executed {
  baseUrl: string;
  target?: TargetInfo;
  embedded: boolean;
  checks: CheckResult[];
  observations: SchemaObservation[][];
  requests: number;
  /** requests that met a 5xx, and a few of them */
  serverErrors: { count: number; examples: string[] };
  interrupted: boolean;
  targetLost: boolean;
}

export function addServerErrors(out: Executed, t: { serverErrors?: number; serverErrorExamples?: string[] }): void {
  out.serverErrors.count += t.serverErrors ?? 0;
  out.serverErrors.examples.push(...(t.serverErrorExamples ?? []).slice(0, 3 - out.serverErrors.examples.length));
}

/** Is the target gone? Asked after a request got no response at all, one probe at a time. */
export function lostTargetWatch(opts: RunOptions, plan: Plan, out: Executed, onLost: () => void): () => void {
  let probing = false;
  return () => {
    if (probing || out.targetLost || out.interrupted) return;
    probing = true;
    probeTarget(out.baseUrl, probePath(plan.contract), 3000)
      .then((lost) => {
        if (!lost) return;
        out.targetLost = true;
        plan.progress({ type: 'setup', level: 'error', message: `lost the target during the run: ${lost}` });
        onLost();
      })
      .finally(() => {
        probing = false;
      });
  };
}

export async function throughVitest(opts: RunOptions, plan: Plan, run: RunContext, out: Executed): Promise<void> {
  if (!opts.include) plan.progress({ type: 'plan', total: planned(plan, run).length });
  const collector = new ResultCollector((e) => plan.progress(e));
  const result = await runVitest(run, opts.include ?? ['suites/*.suite.ts'], collector, opts.signal, (cancel) => lostTargetWatch(opts, plan, out, cancel));
  out.interrupted = result.cancelled && !out.targetLost;
  for (const p of collector.problems) plan.progress({ type: 'setup', level: 'error', message: p });
  for (const f of collector.files) for (const e of f.cleanupErrors) plan.progress({ type: 'setup', level: 'warning', message: e });
  out.checks.push(...collector.checks, ...collector.files.flatMap((f) => f.sources ?? []));
  out.observations.push(...collector.files.map((f) => f.schema));
  plan.secrets.push(...collector.files.flatMap((f) => f.secrets));
  out.requests += collector.files.reduce((n, f) => n + f.requests, 0);
  for (const f of collector.files) addServerErrors(out, f);
}

/** The selected instances of the families (default every registered one), as the suite files would queue them. */
export function planned(plan: Plan, run: RunContext, families: Record<string, CheckDef[]> = CHECK_FAMILIES) {
  return Object.values(families).flatMap((defs) => expandChecks(plan.contract, defs)).filter((i) => selected(run.only, i.id, i.def.clause));
}

export async function inProcess(opts: RunOptions, plan: Plan, run: RunContext, out: Executed): Promise<void> {
  const instances = planned(plan, run, opts.families);
  plan.progress({ type: 'plan', total: instances.length });
  let runtime: CheckRuntime;
  const watch = lostTargetWatch(opts, plan, out, () => runtime.interrupt());
  runtime = new CheckRuntime({
    run, contract: plan.contract, concurrency: run.concurrency,
    onResult: (result) => plan.progress({ type: 'check', result }),
    onExchange: (ex) => void (ex.response ? undefined : watch()),
  });
  const onAbort = () => {
    out.interrupted = true;
    runtime.interrupt(opts.signal?.reason === DEADLINE ? 'deadline' : 'interrupted');
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    out.checks.push(...(await runtime.runAll(instances)));
    const totals = await runtime.finish();
    out.checks.push(...totals.sources);
    plan.secrets.push(...totals.secrets);
    for (const e of totals.cleanupErrors) plan.progress({ type: 'setup', level: 'warning', message: e });
    out.observations.push(totals.schema);
    out.requests += totals.requests;
    addServerErrors(out, totals);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await runtime.close();
  }
}
