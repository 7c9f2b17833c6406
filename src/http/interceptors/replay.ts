// The shared machinery of the retry and session interceptors: look at each answer as it starts;
// pass it through, or hold it back, do something asynchronous (wait Retry-After, log in again)
// and dispatch the request once more. A held-back answer is delivered after all when the policy
// gives up, so the caller always sees a real response; a held answer is bounded in size.

import type { Dispatcher } from 'undici';

type Headers = Record<string, string | string[] | undefined>;

/** An answer held back for a possible replay (a 429, 503, 401 body) is small; past this it streams on. */
const MAX_HELD_BYTES = 256 * 1024;

export interface HeldResponse {
  status: number;
  headers: Headers;
  statusMessage?: string;
  chunks: Buffer[];
}

export interface ReplayPolicy {
  /** Decide synchronously, from status and headers, whether this answer might be replayed. */
  wants(opts: Dispatcher.DispatchOptions, status: number, headers: Headers, attempt: number): boolean;
  /** Prepare the next attempt (wait, re-login…); resolve undefined to deliver the held answer instead. */
  prepare(opts: Dispatcher.DispatchOptions, held: HeldResponse, attempt: number): Promise<Dispatcher.DispatchOptions | undefined>;
}

class ReplayHandler implements Dispatcher.DispatchHandler {
  private current?: Dispatcher.DispatchController;
  private outerStarted = false;
  private held?: HeldResponse;
  private heldBytes = 0;
  private attempt = 0;
  private abortReason: Error | null = null;
  private readonly controller: Dispatcher.DispatchController;

  constructor(
    private readonly dispatch: Dispatcher.Dispatch,
    private opts: Dispatcher.DispatchOptions,
    private readonly outer: Dispatcher.DispatchHandler,
    private readonly policy: ReplayPolicy,
  ) {
    // The outer handler sees one controller for the whole request, across attempts.
    const self = this;
    this.controller = {
      get aborted() {
        return self.abortReason !== null || Boolean(self.current?.aborted);
      },
      get paused() {
        return Boolean(self.current?.paused);
      },
      get reason() {
        return self.abortReason ?? self.current?.reason ?? null;
      },
      abort(reason: Error) {
        self.abortReason = reason;
        self.current?.abort(reason);
      },
      pause() {
        self.current?.pause();
      },
      resume() {
        self.current?.resume();
      },
    };
  }

  start(): boolean {
    return this.dispatch(this.opts, this);
  }

  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    this.current = controller;
    if (this.abortReason) controller.abort(this.abortReason);
    if (!this.outerStarted) {
      this.outerStarted = true;
      this.outer.onRequestStart?.(this.controller, context);
    }
  }

  onResponseStart(_c: Dispatcher.DispatchController, status: number, headers: Headers, statusMessage?: string): void {
    if (this.policy.wants(this.opts, status, headers, this.attempt)) {
      this.held = { status, headers, statusMessage, chunks: [] };
      this.heldBytes = 0;
      return;
    }
    this.held = undefined;
    this.heldBytes = 0;
    this.outer.onResponseStart?.(this.controller, status, headers as never, statusMessage);
  }

  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.held) {
      this.held.chunks.push(chunk);
      this.heldBytes += chunk.length;
      // a held answer is bounded: past the limit, give up replaying and pass it on as it streams
      if (this.heldBytes > MAX_HELD_BYTES) this.release();
      return;
    }
    this.outer.onResponseData?.(this.controller, chunk);
  }

  onResponseEnd(_c: Dispatcher.DispatchController, trailers: Headers): void {
    const held = this.held;
    if (!held) {
      this.outer.onResponseEnd?.(this.controller, trailers as never);
      return;
    }
    this.held = undefined;
    this.policy.prepare(this.opts, held, this.attempt).then(
      (next) => {
        if (this.abortReason) {
          this.outer.onResponseError?.(this.controller, this.abortReason);
        } else if (!next) {
          this.deliver(held, trailers);
        } else {
          this.attempt++;
          this.opts = next;
          try {
            this.dispatch(next, this);
          } catch (err) {
            this.outer.onResponseError?.(this.controller, err as Error);
          }
        }
      },
      (err: Error) => this.outer.onResponseError?.(this.controller, err),
    );
  }

  onResponseError(_c: Dispatcher.DispatchController, err: Error): void {
    this.outer.onResponseError?.(this.controller, err);
  }

  private release(): void {
    const held = this.held!;
    this.held = undefined;
    this.heldBytes = 0;
    this.outer.onResponseStart?.(this.controller, held.status, held.headers as never, held.statusMessage);
    for (const chunk of held.chunks) this.outer.onResponseData?.(this.controller, chunk);
  }

  private deliver(held: HeldResponse, trailers: Headers): void {
    this.outer.onResponseStart?.(this.controller, held.status, held.headers as never, held.statusMessage);
    for (const chunk of held.chunks) this.outer.onResponseData?.(this.controller, chunk);
    this.outer.onResponseEnd?.(this.controller, trailers as never);
  }
}

export function replayInterceptor(policy: ReplayPolicy): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) =>
    function replay(opts, handler) {
      return new ReplayHandler(dispatch, opts, handler as Dispatcher.DispatchHandler, policy).start();
    };
}
