// Runs the suite files on vitest's Node API (createVitest): rooted at the package root so it works
// from a git clone and from an installed package (vitest transpiles suites/*.ts itself), our
// collector as the only reporter (nothing on stdout), every file in ONE forked worker sharing its
// module graph (isolate: false): the worker holds the run's one CheckRuntime, whose scheduler —
// not a worker count — bounds how many checks are in flight (--concurrency).

import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../config/package-root.js';
import type { ResultCollector } from './collector.js';
import type { RunContext } from './context.js';

/**
 * The worker ignores SIGINT/SIGTERM from its first line: a terminal's Ctrl-C reaches the whole
 * process group, and a worker still booting would die of it (a "Worker forks emitted error", no
 * check listed) before the harness could stop it gracefully. The main process, which gets the
 * signal too, tells the worker to stop through the stop file.
 */
const WORKER_IGNORES_SIGNALS = `data:text/javascript,${encodeURIComponent("process.on('SIGINT', () => {}); process.on('SIGTERM', () => {});")}`;

/**
 * A young generation of 4 MB semi-spaces instead of V8's 16 MB: the worker reads many bodies at
 * once (up to --max-body each), and garbage waiting in a large young generation is what took the
 * process tree past its 500 MB budget against a target streaming huge bodies (bench/hostile.mjs:
 * 466–510 MB before, 453–488 MB after; the run's wall time is unchanged, bench/run.mjs).
 */
const WORKER_HEAP = ['--max-semi-space-size=4'];

/** Run the suite files on vitest's Node API; true when the run was cancelled. */
export async function runVitest(
  run: RunContext,
  include: string[],
  collector: ResultCollector,
  signal: AbortSignal | undefined,
  /** given a way to cancel the run, returns what to call when a request got no response */
  watchTarget: (cancel: () => void) => () => void,
): Promise<{ cancelled: boolean }> {
  const { createVitest } = await import('vitest/node');
  const root = packageRoot();
  const savedExitCode = process.exitCode;
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((sig) => [sig, process.listeners(sig)]));
  const vitest = await createVitest(
    'test',
    {
      root,
      config: false,
      include,
      exclude: [],
      watch: false,
      reporters: [collector],
      pool: 'forks',
      execArgv: ['--import', WORKER_IGNORES_SIGNALS, ...WORKER_HEAP],
      maxWorkers: 1,
      fileParallelism: false,
      isolate: false,
      provide: { storefront: run },
      testTimeout: 300_000,
      hookTimeout: 120_000,
      teardownTimeout: 10_000,
      silent: true,
      passWithNoTests: true,
      allowOnly: false,
      cache: false,
      dangerouslyIgnoreUnhandledErrors: true,
    },
    {
      cacheDir: join(tmpdir(), 'storefront-check-vite'),
      logLevel: 'silent',
      clearScreen: false,
      server: { watch: null },
    },
  );
  // vitest's logger exits the process on SIGINT/SIGTERM; the caller owns interruption (opts.signal)
  // so the run can stop gracefully and still write its reports.
  for (const sig of signals) {
    for (const l of process.listeners(sig)) if (!before.get(sig)!.includes(l)) process.off(sig, l);
  }
  // Stopping is the runtime's job, in the worker: it starts no new check, ends the running ones as
  // "skipped: interrupted" and runs the cleanups. It learns of the stop from this file (a signal sent
  // to this process alone, as CI runners do, does not reach the worker; vitest's own cancel would
  // skip the cleanups).
  let cancelled = false;
  const cancel = () => {
    if (cancelled) return;
    cancelled = true;
    // why, for the checks' messages: 'deadline' (the run's --deadline passed), 'SIGINT', 'SIGTERM'
    writeFileSync(run.stopFile, `${typeof signal?.reason === 'string' ? signal.reason : 'stop'}\n`);
  };
  signal?.addEventListener('abort', cancel, { once: true });
  if (signal?.aborted) cancel();

  // a check that got no response at all: is the target gone?
  collector.onNetworkError = watchTarget(cancel);
  // vitest's worker and its IPC channel do not hold this process open: while a slow worker boots or
  // stops, nothing might, and node would exit 0 mid-run without reports. This timer holds it open.
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    await vitest.start();
  } finally {
    clearInterval(keepAlive);
    signal?.removeEventListener('abort', cancel);
    rmSync(run.stopFile, { force: true });
    await vitest.close().catch(() => {});
    process.exitCode = savedExitCode;
  }
  return { cancelled };
}

