// Bounded concurrency with the few orderings the contract needs. Checks are network-bound, so
// many are in flight at once (up to `concurrency`), except where order matters:
//   - `exclusive` jobs (the rate-limit burst spends the client's request window) run alone, first;
//   - `atEnd` jobs (judges of everything the run received) start when every other job is done;
//     `last` ones (judges of the run-wide log that send nothing) after the other atEnd jobs too;
//   - jobs with the same `serial` key (stateful flows of one family on one endpoint) run one at a time;
//   - an `isolated` job (it compares the customer's state before and after) runs while no other
//     `afterReaders` job does, and none starts while it runs;
//   - `afterReaders` jobs (writes to the customer's state) wait until every `reader` job (checks
//     over the customer's own lists) is done, so those lists cannot change under a reading.
// Jobs are queued first and run after start(), so every reader is known before any writer starts.

export interface JobSpec<T> {
  run(): Promise<T>;
  /** what the job resolves with when the run is aborted before it started */
  ifAborted(): T;
  exclusive?: boolean;
  atEnd?: boolean;
  /** with atEnd: starts only when the other atEnd jobs are done too */
  last?: boolean;
  serial?: string;
  reader?: boolean;
  afterReaders?: boolean;
  /** with afterReaders: no other afterReaders job runs at the same time */
  isolated?: boolean;
}

interface Queued<T> extends JobSpec<T> {
  rank: number;
  seq: number;
  resolve(value: T): void;
  reject(err: unknown): void;
}

// exclusive jobs first (nothing else runs yet, so they wait for nobody), then the readers (the
// writers wait for them), then the writers' serial lanes (the longest chains), then everything else
const rankOf = (j: JobSpec<unknown>) => (j.last ? 5 : j.atEnd ? 4 : j.exclusive ? -1 : j.reader ? 0 : j.afterReaders ? 1 : 2);

export class Scheduler {
  private readonly queue: Queued<any>[] = [];
  private readonly busy = new Set<string>();
  private running = 0;
  private runningAtEnd = 0;
  private runningLast = 0;
  private runningWriters = 0;
  private isolatedRunning = false;
  private exclusiveRunning = false;
  private readersLeft = 0;
  private seq = 0;
  private started = false;
  private aborted = false;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(private readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }

  add<T>(job: JobSpec<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.aborted) return resolve(job.ifAborted());
      if (job.reader) this.readersLeft++;
      this.queue.push({ ...job, rank: rankOf(job), seq: this.seq++, resolve, reject });
      this.queue.sort((a, b) => a.rank - b.rank || a.seq - b.seq);
      if (this.started) queueMicrotask(() => this.pump());
    });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.pump();
  }

  /** No new job starts; queued jobs resolve with their ifAborted() value; running ones finish. */
  abort(): void {
    this.aborted = true;
    for (const j of this.queue.splice(0)) {
      if (j.reader) this.readersLeft--;
      j.resolve(j.ifAborted());
    }
    this.checkIdle();
  }

  get isAborted(): boolean {
    return this.aborted;
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (!this.queue.length && !this.running) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private eligible(j: Queued<unknown>): boolean {
    if (this.exclusiveRunning || this.running >= this.concurrency) return false;
    if (j.exclusive) return this.running === 0;
    if (j.last) return this.running === this.runningLast && this.queue.every((q) => q.last);
    if (j.atEnd) return this.running === this.runningAtEnd && this.queue.every((q) => q.atEnd);
    if (j.serial && this.busy.has(j.serial)) return false;
    if (j.afterReaders && (this.readersLeft > 0 || this.isolatedRunning)) return false;
    if (j.isolated && this.runningWriters > 0) return false;
    return true;
  }

  private pump(): void {
    for (let i = 0; i < this.queue.length && !this.aborted; ) {
      const j = this.queue[i];
      if (!this.eligible(j)) {
        // an exclusive or final job waits for everything before it; nothing behind it may overtake
        if (j.exclusive || j.atEnd || j.last) break;
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.launch(j);
    }
    this.checkIdle();
  }

  private launch(j: Queued<unknown>): void {
    this.running++;
    if (j.atEnd) this.runningAtEnd++;
    if (j.last) this.runningLast++;
    if (j.afterReaders) this.runningWriters++;
    if (j.isolated) this.isolatedRunning = true;
    if (j.exclusive) this.exclusiveRunning = true;
    if (j.serial) this.busy.add(j.serial);
    j.run()
      .then(j.resolve, j.reject)
      .finally(() => {
        this.running--;
        if (j.atEnd) this.runningAtEnd--;
        if (j.last) this.runningLast--;
        if (j.afterReaders) this.runningWriters--;
        if (j.isolated) this.isolatedRunning = false;
        if (j.exclusive) this.exclusiveRunning = false;
        if (j.serial) this.busy.delete(j.serial);
        if (j.reader) this.readersLeft--;
        this.pump();
      });
  }

  private checkIdle(): void {
    if (this.queue.length || this.running) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
