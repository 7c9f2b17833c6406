// The CheckRuntime: runs check instances without any test runner. It builds each CheckContext
// (the one client, sessions, memo, path resolution, cleanups, skip/fail/note), runs instances with
// bounded concurrency (scheduler.ts), decides each result, and at the end undoes what the checks
// created. `storefront-check run` reaches it through vitest (harness.ts, a thin glue); the
// project's tests and library users call it in-process (run.ts, driver 'in-process').
//
// The verdict policy: one attempt's status comes from verdict.ts (failed, skipped, errored, passed, or
// warned when it passed only after transport retries); here, a failure that can be repeated runs
// once more, and a failure that does not repeat is still a failure, marked "intermittent (1 of 2)".
// Transport trouble (429, 502/503/504, resets, expired sessions) is the client's business
// (src/http). The undo actions run through cleanups.ts.

import { runSecrets } from '../checks/secrets.js';
import { CheckFailure, CheckSkip, type CheckContext, type Need } from '../checks/types.js';
import type { ContractPack, Operation } from '../contract/types.js';
import { toEvidence } from '../http/evidence.js';
import { credentialHeader, type Identity } from '../http/interceptors/session.js';
import { rawRequest } from '../http/raw.js';
import type { NamedSecret } from '../http/redact.js';
import type { Exchange, RequestSpec } from '../http/types.js';
import type { CheckResult } from '../results.js';
import { getValidator } from '../validation/validator.js';
import type { RunContext, SchemaObservation } from './context.js';
import { sourceFinding } from './param-source.js';
import { PathResolver } from './params.js';
import { Scheduler } from './scheduler.js';
import type { CheckInstance } from './select.js';
import { createRunServices, type RunServices } from './services.js';
import { STOPPED, type StopCause, neverStarted } from './stop.js';
import { type Cleanup, laneOf, mapBounded, runCleanups, withDeadline } from './cleanups.js';
import { type Attempt, passed, thrown } from './verdict.js';

const NEED_TO_IDENTITY: Record<Need, Identity> = { customer: 'customer', customer2: 'customer2', expiredToken: 'expired', serviceToken: 'service' };
/** Cleanups get their own short deadline each: an interrupted run must still end. */
/** Thrown into a running check when the run is interrupted: its result becomes "skipped: interrupted". */
class Interrupted extends Error {
  constructor() {
    super('interrupted: the run stopped before this request was sent');
  }
}

export interface RuntimeOptions {
  run: RunContext;
  contract: ContractPack;
  /** checks in flight at once (requests, not CPU: sized for network latency) */
  concurrency: number;
  /** each check's budget; past it the check is `errored` (default: 10 × the request timeout, at least 60 s) */
  checkBudgetMs?: number;
  onResult?: (r: CheckResult) => void;
  /** every exchange of the run as it completes (no-response exchanges tell a lost target) */
  onExchange?: (ex: Exchange) => void;
}

/** What the runtime did besides the check results: requests, schema observations, cleanup problems. */
export interface RuntimeTotals {
  /** secrets the runtime learned (tokens of re-logins): the reports redact them too */
  secrets: NamedSecret[];
  requests: number;
  networkErrors: number;
  firstNetworkError?: string;
  /** requests that met a 5xx, and a few of them ('GET /orders → 503') */
  serverErrors: number;
  serverErrorExamples: string[];
  schema: SchemaObservation[];
  /** failed results of parameter sources (params.ts): one per source operation per run, not CheckDefs */
  sources: CheckResult[];
  cleanupErrors: string[];
}

export class CheckRuntime {
  private readonly services: RunServices;
  private readonly scheduler: Scheduler;
  private readonly resolver: PathResolver;
  private readonly memos = new Map<string, Promise<unknown>>();
  private readonly created = new Map<string, Promise<unknown>>();
  /**
   * Undo actions with the lane that registered them: the stateful checks of one lane change the same
   * resources, so a lane's undos run newest first, one after another; lanes are independent.
   */
  private cleanups: Cleanup[] = [];
  private lanes = 0;
  private readonly levels: Map<string, string>;
  private readonly budgetMs: number;
  private interrupted = false;
  private cause: StopCause = 'interrupted';
  /** finish() is undoing what the checks did: those requests are sent also after an interrupt */
  private cleaning = false;
  private reported = { requests: 0 };
  /** the first failure of each parameter source, by the source's operation key; `handed` went out with finish() */
  private readonly sources = new Map<string, { result: CheckResult; handed: boolean }>();

  constructor(private readonly o: RuntimeOptions) {
    const { run, contract } = o;
    this.services = createRunServices({
      contract,
      baseUrl: run.target.baseUrl,
      production: run.target.production,
      apiVersion: run.apiVersion,
      timeoutMs: run.timeoutMs,
      maxBodyBytes: run.maxBodyBytes,
      retry: run.retry,
      secrets: run.secrets,
      tokens: run.tokens,
      credentials: run.credentials,
      missing: run.missing,
      runSecrets: runSecrets({ customer: run.credentials.customer?.password, customer2: run.credentials.customer2?.password }, run.target.testCard),
      onExchange: o.onExchange,
    });
    this.scheduler = new Scheduler(o.concurrency);
    this.resolver = new PathResolver({
      contract,
      target: run.target,
      send: (spec) => this.services.client.send(spec),
      workerMemo: this.memos,
      fileMemo: this.created,
      // each resource the resolver created is its own: deleting it waits for nobody
      cleanup: (fn) => this.cleanups.push({ lane: `resource ${this.lanes++}`, fn }),
      sourceFailed: (from, clause, message, ex) => this.sourceFailed(from, clause, message, ex),
    });
    this.levels = new Map(contract.clauses.map((c) => [c.id, c.level]));
    this.budgetMs = o.checkBudgetMs ?? Math.max(60_000, run.timeoutMs * 10);
  }

  /** Queue an instance; it runs after start(). Resolves with its result (never rejects). */
  add(inst: CheckInstance): Promise<CheckResult> {
    const op = inst.op;
    const stateful = inst.def.stateful ?? (Boolean(inst.def.writes) || Boolean(inst.def.isolated));
    return this.scheduler
      .add({
        run: () => this.runInstance(inst),
        ifAborted: () => neverStarted(inst, this.cause),
        exclusive: inst.def.exclusive,
        atEnd: Boolean(inst.def.atEnd),
        last: inst.def.atEnd === 'last',
        // stateful flows of one family and endpoint one at a time; different endpoints work on resources of their own
        serial: stateful ? laneOf(inst) : undefined,
        afterReaders: stateful,
        isolated: inst.def.isolated,
        // every read of the customer's own state (lists, the profile, preferences): a reading compared
        // with another (IDM-01 read-twice) must not straddle a stateful write
        reader: !stateful && Boolean(op && op.auth === 'customer' && op.method === 'GET'),
      })
      .then((r) => {
        this.o.onResult?.(r);
        return r;
      });
  }

  get contract(): ContractPack {
    return this.o.contract;
  }

  start(): void {
    this.scheduler.start();
  }

  /** SIGINT/SIGTERM (or the run's deadline): no new check starts; running checks end as "skipped: interrupted" (or "deadline"). */
  interrupt(cause: StopCause = 'interrupted'): void {
    if (!this.interrupted) this.cause = cause;
    this.interrupted = true;
    this.scheduler.abort();
  }

  get isInterrupted(): boolean {
    return this.interrupted;
  }

  /** Run a list of instances to the end (the in-process driver). */
  async runAll(instances: readonly CheckInstance[]): Promise<CheckResult[]> {
    const all = instances.map((i) => this.add(i));
    this.start();
    return Promise.all(all);
  }

  /** Wait for every queued check, undo what the checks created, and give the totals since the last call. */
  async finish(): Promise<RuntimeTotals> {
    await this.scheduler.idle();
    const todo = this.cleanups;
    this.cleanups = [];
    // The cleanups send through the checks' contexts, which refuse new requests once the run is
    // interrupted: not these.
    this.cleaning = true;
    let cleanupErrors: string[];
    try {
      cleanupErrors = await runCleanups(todo, this.o.concurrency, this.services.redactor);
    } finally {
      this.cleaning = false;
    }
    this.created.clear();
    const { client, observer } = this.services;
    const totals: RuntimeTotals = {
      secrets: this.services.redactor.known(),
      requests: client.requestCount - this.reported.requests,
      networkErrors: observer.networkErrors,
      firstNetworkError: observer.firstNetworkError,
      serverErrors: observer.serverErrors,
      serverErrorExamples: observer.serverErrorExamples,
      schema: observer.observations(),
      sources: [...this.sources.values()].filter((s) => !s.handed).map((s) => ((s.handed = true), s.result)),
      cleanupErrors,
    };
    this.reported = { requests: client.requestCount };
    observer.reset();
    return totals;
  }

  async close(): Promise<void> {
    await this.services.client.close();
  }

  /** A parameter source broke the contract: its first failure in the run is one result (param-source.ts); later ones add nothing. */
  private sourceFailed(from: Operation, clause: string, message: string, ex: Exchange): string {
    const known = this.sources.get(from.key);
    if (known) return known.result.id;
    const { redactor } = this.services;
    const result = sourceFinding(from, clause, this.levels.get(clause) ?? 'MUST', redactor.text(message), toEvidence(ex, redactor));
    this.sources.set(from.key, { result, handed: false });
    return result.id;
  }

  private result(inst: CheckInstance, started: number, a: Attempt, extra: Partial<CheckResult> = {}): CheckResult {
    return {
      id: inst.id,
      clause: inst.def.clause,
      family: inst.family,
      endpoint: inst.endpoint,
      title: inst.def.title,
      status: a.status,
      message: a.message,
      ...(a.evidence?.length ? { evidence: a.evidence } : {}),
      ...(a.stack ? { stack: a.stack } : {}),
      ...extra,
      durationMs: Math.round(performance.now() - started),
    };
  }

  /** Why an instance does not run here (ENV-02 gating, missing identities), or undefined. */
  private gate(inst: CheckInstance): string | undefined {
    const t = this.o.run.target;
    if (inst.def.writes && (t.readOnly || t.production)) {
      return `changes server state: not run against ${t.production ? 'production' : 'a --read-only target'} (ENV-02)`;
    }
    // defence in depth (ENV-02): production gets GET/HEAD and the login only, whatever the op's x-writes says
    const method = inst.endpoint.split(' ')[0];
    const loginKey = this.o.contract.byId(this.o.contract.conventions.auth.login.operationId).key;
    if (t.production && /^(POST|PUT|PATCH|DELETE)$/.test(method) && inst.endpoint !== loginKey) {
      return `sends ${method}: only GET, HEAD and the login are sent to production (ENV-02)`;
    }
    for (const need of inst.def.needs ?? []) {
      if (!t.has[need]) return this.services.store.why(NEED_TO_IDENTITY[need]);
    }
    return undefined;
  }

  private async runInstance(inst: CheckInstance): Promise<CheckResult> {
    const started = performance.now();
    const why = this.gate(inst);
    if (why) return this.result(inst, started, { status: 'skipped', message: why });
    const first = await this.attempt(inst);
    if (first.status !== 'failed') return this.result(inst, started, first);
    const repeatable = inst.def.repeatable ?? !inst.def.writes;
    let message = first.message;
    if (repeatable && !this.interrupted) {
      const second = await this.attempt(inst);
      if (second.status === 'passed') message = `intermittent (1 of 2 runs failed): ${first.message}`;
      else if (second.status === 'failed') message = `${first.message} (failed again when repeated)`;
    }
    const level = this.levels.get(inst.def.clause) ?? 'MUST';
    return this.result(inst, started, { ...first, status: level === 'SHOULD' ? 'warned' : 'failed', message }, message.startsWith('intermittent') ? { intermittent: true } : {});
  }

  private async attempt(inst: CheckInstance): Promise<Attempt> {
    const notes: string[] = [];
    const mine: Exchange[] = [];
    const ctx = this.context(inst, notes, mine);
    try {
      await withDeadline(inst.def.run(ctx), this.budgetMs, `check ${inst.id}`);
      if (this.interrupted) throw new Interrupted();
      return passed(notes.length ? notes.join('; ') : inst.def.title, mine, this.services.redactor);
    } catch (err) {
      if (err instanceof Interrupted || this.interrupted) return { status: 'skipped', message: STOPPED[this.cause].during };
      return thrown(err, mine, this.services.redactor);
    }
  }

  private context(inst: CheckInstance, notes: string[], mine: Exchange[]): CheckContext {
    const { client } = this.services;
    const { contract, run } = this.o;
    const send = async (spec: RequestSpec) => {
      if (this.interrupted && !this.cleaning) throw new Interrupted();
      const ex = await client.send(spec);
      mine.push(ex);
      return ex;
    };
    return {
      http: { send, exchanges: () => client.exchanges(), close: async () => {} },
      contract,
      target: run.target,
      op: inst.op,
      send,
      sendAll: (specs) => mapBounded(specs, this.o.concurrency, send),
      resolvePath: (op, values) => this.resolver.resolve(op, values),
      validateShape: (name, value) => getValidator(contract).validateShape(name, value),
      cleanup: (fn) => void this.cleanups.push({ lane: laneOf(inst), fn }),
      memo: <T>(key: string, make: () => Promise<T>) => {
        let p = this.memos.get(key) as Promise<T> | undefined;
        if (!p) {
          p = make();
          this.memos.set(key, p);
          // a failed fixture is not cached: the next check may try again
          p.catch(() => this.memos.delete(key));
        }
        return p;
      },
      fail: (message, ...evidence) => {
        throw new CheckFailure(message, evidence);
      },
      skip: (reason) => {
        throw new CheckSkip(reason);
      },
      note: (message) => void notes.push(message),
      raw: async (spec) => {
        if (this.interrupted) throw new Interrupted();
        const method = spec.method.toUpperCase();
        if (run.target.production && method !== 'GET' && method !== 'HEAD') throw new CheckSkip(`${method} ${spec.path} is not sent to production (ENV-02)`);
        const auth = contract.conventions.auth;
        const credential = credentialHeader({ customer: auth.customer, service: auth.service }, this.services.store, spec.auth ?? 'none');
        const headers: Record<string, string> = { [contract.conventions.headers.apiVersion]: run.apiVersion, ...(credential ? { [credential[0]]: credential[1] } : {}) };
        for (const [k, v] of Object.entries(spec.headers ?? {})) if (v !== null) headers[k] = v;
        return rawRequest(`${run.target.baseUrl}${spec.path}`, method, headers, run.timeoutMs);
      },
      runWide: (clause) => {
        const log = this.services.answers;
        if (log.toolError) throw new Error(log.toolError);
        return log.tally(clause);
      },
      gatewayAnswers: () => this.services.answers.gateway,
      credentials: (who) => {
        const c = run.credentials[who];
        return c ? { email: c.email, password: c.password, captcha: c.recaptchaToken } : undefined;
      },
    };
  }
}
