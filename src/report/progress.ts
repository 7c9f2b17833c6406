// Live progress while a run goes, from the progress events only: checks done / planned, failures
// so far, elapsed time and the families in flight. On a TTY one status line redrawn in place
// (other output is written above it); elsewhere (CI logs) a plain line at a steady interval, only
// when something changed. The console reporter owns it and routes its own lines through write().

import type { CheckStatus, ProgressEvent } from '../results.js';

export interface ProgressDisplayOptions {
  stream: NodeJS.WritableStream;
  /** redraw a status line in place (a terminal) or print plain periodic lines */
  tty: boolean;
  /** non-TTY: how often a plain line is printed (default 10 s); TTY: how often the line is redrawn (250 ms) */
  intervalMs?: number;
  /** colour the failure count */
  red?: (s: string) => string;
  now?: () => number;
}

const CLEAR_LINE = '\r\u001b[2K';
const REDRAW_MS = 100;

export class ProgressDisplay {
  private readonly started: number;
  private done = 0;
  private planned: number | undefined;
  private readonly counts: Record<CheckStatus, number> = { passed: 0, failed: 0, warned: 0, skipped: 0, errored: 0 };
  private readonly running = new Set<string>();
  private readonly finished = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private shown = false;
  private lastPrinted = '';
  private lastDraw = -Infinity;
  private readonly now: () => number;

  constructor(private readonly opts: ProgressDisplayOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.started = this.now();
  }

  /** the status as one line: '312/780 checks · 2 failed · 12.3 s · PAG, HDR' */
  line(): string {
    const red = this.opts.red ?? ((s: string) => s);
    const problems = this.counts.failed + this.counts.errored;
    const parts = [
      `${this.done}${this.planned !== undefined ? `/${this.planned}` : ''} checks`,
      problems ? red(`${this.counts.failed} failed${this.counts.errored ? `, ${this.counts.errored} errored` : ''}`) : '0 failed',
      `${((this.now() - this.started) / 1000).toFixed(this.opts.tty ? 1 : 0)} s`,
    ];
    if (this.running.size) parts.push([...this.running].join(', '));
    return parts.join(' · ');
  }

  onEvent(e: ProgressEvent): void {
    switch (e.type) {
      case 'start':
        this.startTimer();
        break;
      case 'plan':
        this.planned = e.total;
        this.startTimer();
        break;
      case 'check':
        this.done++;
        this.counts[e.result.status]++;
        if (!this.finished.has(e.result.family)) this.running.add(e.result.family);
        break;
      case 'family':
        this.running.delete(e.family);
        this.finished.add(e.family);
        break;
      case 'end':
        this.stop();
        return;
      default:
        return;
    }
    // a burst of results redraws at most every REDRAW_MS; the timer catches up the rest
    if (this.opts.tty && this.timer && this.now() - this.lastDraw >= REDRAW_MS) this.draw();
  }

  /** write a line of other output without tearing the status line */
  write(line: string): void {
    if (this.opts.tty && this.shown) this.opts.stream.write(CLEAR_LINE);
    this.opts.stream.write(`${line}\n`);
    if (this.opts.tty && this.shown && this.timer) this.draw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.opts.tty && this.shown) this.opts.stream.write(CLEAR_LINE);
    this.shown = false;
  }

  private startTimer(): void {
    if (this.timer) return;
    const every = this.opts.intervalMs ?? (this.opts.tty ? 250 : 10_000);
    this.timer = setInterval(() => (this.opts.tty ? this.draw() : this.printPlain()), every);
    this.timer.unref();
  }

  private draw(): void {
    this.opts.stream.write(`${CLEAR_LINE}${this.line()}`);
    this.shown = true;
    this.lastDraw = this.now();
  }

  private printPlain(): void {
    // a CI log gets a line only when the run moved on since the last one
    const key = `${this.done}/${this.counts.failed}/${[...this.running].join()}`;
    if (key === this.lastPrinted) return;
    this.lastPrinted = key;
    this.opts.stream.write(`progress: ${this.line()}\n`);
  }
}
