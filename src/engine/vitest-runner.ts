// Runs the suite files on vitest's Node API (createVitest): rooted at the package root so it works
// from a git clone and from an installed package (vitest transpiles suites/*.ts itself), our
// collector as the only reporter (nothing on stdout), files in parallel on `concurrency` forked
// workers sharing their module graph (isolate: false: the contract and memo load once per worker).

import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestSequencer, TestSpecification } from 'vitest/node';
import { packageRoot } from '../config/package-root.js';
import type { ResultCollector } from './collector.js';
import type { RunContext } from './context.js';

/**
 * Order of the suite files: the biggest first (they take longest, so two workers finish together),
 * and suites that spend a shared server budget — the rate-limit probe exhausts the client's
 * request window — last, so the other suites' requests are not held up by its 429s.
 */
class SuiteOrder implements TestSequencer {
  static readonly LAST = [/rate-limit/];
  shard(files: TestSpecification[]): TestSpecification[] {
    return files;
  }
  sort(files: TestSpecification[]): TestSpecification[] {
    const size = (f: TestSpecification) => {
      try {
        return statSync(f.moduleId).size;
      } catch {
        return 0;
      }
    };
    const last = (f: TestSpecification) => (SuiteOrder.LAST.some((re) => re.test(f.moduleId)) ? 1 : 0);
    return [...files].sort((a, b) => last(a) - last(b) || size(b) - size(a));
  }
}

/** Run the suite files on vitest's Node API; true when the run was cancelled. */
export async function runVitest(
  run: RunContext,
  include: string[],
  concurrency: number,
  collector: ResultCollector,
  signal: AbortSignal | undefined,
  checkTargetLost: () => Promise<boolean>,
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
      maxWorkers: concurrency,
      fileParallelism: true,
      isolate: false,
      provide: { storefront: run },
      sequence: { sequencer: SuiteOrder },
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
  let cancelled = false;
  const cancel = () => {
    if (cancelled) return;
    cancelled = true;
    vitest.cancelCurrentRun('keyboard-input').catch(() => {});
  };
  signal?.addEventListener('abort', cancel, { once: true });
  if (signal?.aborted) cancel();

  // a check that got no response at all: is the target gone? (one probe at a time)
  let probing = false;
  collector.onNetworkError = () => {
    if (probing || cancelled) return;
    probing = true;
    checkTargetLost()
      .then((lost) => {
        if (lost) cancel();
      })
      .finally(() => {
        probing = false;
      });
  };
  try {
    await vitest.start();
  } finally {
    signal?.removeEventListener('abort', cancel);
    await vitest.close().catch(() => {});
    process.exitCode = savedExitCode;
  }
  return { cancelled };
}

