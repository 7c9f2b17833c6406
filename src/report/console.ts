// The console reporter (stderr): progress while the run goes — one line per clause family as its
// suite file finishes, and the live status (progress.ts: a line redrawn in place on a TTY, plain
// periodic lines elsewhere) — then setup problems, a table of failures (clause, endpoint,
// message), warnings, counts, the clauses judged by dedicated checks or schema conformance only,
// the verdict and where the reports are. Coloured when the stream is a TTY. --quiet keeps only
// what comes after the run.

import { createColors } from 'picocolors';
import type { CheckResult, CheckStatus, ProgressEvent, RunResults } from '../results.js';
import { coverageSentence } from './coverage-text.js';
import { ProgressDisplay } from './progress.js';
import type { Reporter, ReporterOptions } from './types.js';

const MAX_ROWS = 40;

function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function consoleReporter(opts: ReporterOptions = {}): Reporter {
  const out = opts.stream ?? process.stderr;
  const tty = Boolean((out as NodeJS.WriteStream).isTTY);
  const c = createColors(opts.color ?? (tty && !process.env.NO_COLOR));
  const live = opts.quiet ? undefined : new ProgressDisplay({ stream: out, tty, red: c.red, intervalMs: opts.progressIntervalMs });
  const write = (line = '') => (live ? live.write(line) : out.write(`${line}\n`));
  let checksSeen = 0;
  const printed = new Set<string>();

  const counts = (s: Record<CheckStatus, number>) =>
    [
      c.green(`${s.passed} passed`),
      s.failed ? c.red(`${s.failed} failed`) : c.dim('0 failed'),
      s.warned ? c.yellow(`${s.warned} warned`) : c.dim('0 warned'),
      c.dim(`${s.skipped} skipped`),
      ...(s.errored ? [c.magenta(`${s.errored} errored`)] : []),
    ].join('  ');

  function table(rows: CheckResult[], colour: (s: string) => string): void {
    const width = (out as NodeJS.WriteStream).columns ?? 120;
    const clauseW = Math.max(6, ...rows.map((r) => r.clause.length));
    const endpointW = Math.min(40, Math.max(8, ...rows.map((r) => r.endpoint.length)));
    const msgW = Math.max(30, width - clauseW - endpointW - 8);
    for (const r of rows.slice(0, MAX_ROWS)) {
      const tag = r.baselined ? c.dim(' (baseline)') : r.intermittent ? c.dim(' (intermittent)') : '';
      write(`  ${colour(r.clause.padEnd(clauseW))}  ${oneLine(r.endpoint, endpointW).padEnd(endpointW)}  ${oneLine(r.message, msgW)}${tag}`);
    }
    if (rows.length > MAX_ROWS) write(c.dim(`  … and ${rows.length - MAX_ROWS} more (see the reports)`));
  }

  return {
    name: 'console',
    onProgress(e: ProgressEvent) {
      live?.onEvent(e);
      if (opts.quiet && e.type !== 'setup' && e.type !== 'check') return;
      switch (e.type) {
        case 'start':
          write(c.bold(`storefront-check → ${e.baseUrl}`) + c.dim(` (${e.embedded ? 'embedded reference server' : e.env})`));
          break;
        case 'setup':
          printed.add(e.message);
          write(`${e.level === 'error' ? c.red('setup error') : c.yellow('setup warning')}: ${e.message}`);
          break;
        case 'check':
          checksSeen++;
          if (e.result.status === 'failed' && tty && !opts.quiet) write(c.red(`  ✗ ${e.result.id}`));
          break;
        case 'family':
          write(`  ${c.bold(e.family.padEnd(6))} ${counts(e.counts)}`);
          break;
        case 'end':
          write(c.dim(`  ${checksSeen} checks in ${(e.durationMs / 1000).toFixed(1)} s`));
          break;
      }
    },
    onRunEnd(results: RunResults, dir: string) {
      write();
      for (const s of results.setup.filter((x) => !printed.has(x.message))) write(`${s.level === 'error' ? c.red('setup error') : c.yellow('setup warning')}: ${s.message}`);
      const failed = results.checks.filter((r) => r.status === 'failed');
      const warned = results.checks.filter((r) => r.status === 'warned');
      if (failed.length) {
        write(c.bold(c.red(`Failures (${failed.length}):`)));
        table(failed, c.red);
      }
      if (warned.length) {
        write(c.bold(c.yellow(`Warnings (${warned.length}):`)));
        table(warned, c.yellow);
      }
      const errored = results.checks.filter((r) => r.status === 'errored');
      if (errored.length) {
        write(c.bold(c.magenta(`Tool errors (${errored.length}): the tool failed, not the API; please report these`)));
        table(errored, c.magenta);
        // the stack once: the same bug usually breaks several checks
        for (const stack of new Set(errored.map((r) => r.stack).filter(Boolean))) write(c.dim(stack!.split('\n').map((l) => `    ${l}`).join('\n')));
      }
      if (results.baseline) {
        const b = results.baseline;
        write(c.dim(`baseline ${b.file}: ${b.known.length} known, ${b.new.length} new, ${b.fixed.length} fixed, ${b.expired.length} expired`));
        for (const id of b.fixed) write(c.green(`  fixed: ${id} (remove it from the baseline)`));
      }
      if (results.interrupted) write(c.yellow('run interrupted: the reports hold what was checked so far'));
      write(`${counts(results.summary)}  ${c.dim(`· ${results.requests} requests · ${(results.durationMs / 1000).toFixed(1)} s`)}`);
      const judged = coverageSentence(results.coverage, 8);
      if (judged) write(c.dim(judged));
      const verdict = results.verdict ?? (results.exitCode === 0 ? 'no contract failure' : 'failed');
      write(results.exitCode === 0 ? c.green(c.bold(`PASS: ${verdict}`)) : c.red(c.bold(`FAIL (exit ${results.exitCode}): ${verdict}`)));
      write(c.dim(`reports: ${dir}`));
      return undefined;
    },
  };
}
