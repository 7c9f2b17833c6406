// The harness every suites/<family>.suite.ts file calls: runFamily('PAG', paginationChecks).
// Inside a vitest worker it reads the run context (inject('storefront')), loads the contract,
// expands each CheckDef over the catalogue (appliesTo → one instance per operation), filters by
// --only, and declares one vitest test per instance. Each test runs its check with a
// CheckContext and stores the CheckResult in task.meta — the vitest test itself never fails:
// findings are data. Gating (writes, needs), SHOULD → warned, the flaky re-run, evidence
// (redacted, with curl), schema validation of every response and cleanups live here.

import { afterAll, describe, inject, test } from 'vitest';
import { CheckFailure, CheckSkip, type CheckContext, type CheckDef, type Need } from '../checks/types.js';
import { loadContract } from '../contract/load.js';
import type { ContractPack, Operation } from '../contract/types.js';
import { createHttpClient } from '../http/client.js';
import { MissingCredentialError, ProductionWriteRefused } from '../http/errors.js';
import { toEvidence } from '../http/evidence.js';
import type { Identity } from '../http/interceptors/session.js';
import { Redactor } from '../http/redact.js';
import { createSessionStore, login, type LoginCredentials } from '../http/session.js';
import type { Exchange, HttpClient } from '../http/types.js';
import { getValidator } from '../validation/validator.js';
import type { FileMeta, RunContext } from './context.js';
import { ExchangeObserver } from './observe.js';
import { type CheckInstance, expandChecks, selected } from './select.js';

export { expandChecks, familyOf, selected, type CheckInstance } from './select.js';
import { PathResolver } from './params.js';
import type { CheckResult, CheckStatus, Evidence } from '../results.js';
import './context.js';

const MAX_EVIDENCE = 5;
const NEED_TO_IDENTITY: Record<Need, Identity> = {
  customer: 'customer',
  customer2: 'customer2',
  expiredToken: 'expired',
  serviceToken: 'service',
};

/** Per worker (vitest runs suite files of one worker in one module graph: isolate false). */
const workerMemo = new Map<string, Promise<unknown>>();

export function runFamily(family: string, checks: CheckDef[]): void {
  const run = inject('storefront');
  if (!run) throw new Error('runFamily: no run context (inject("storefront")); suites run through `storefront-check run`');
  const contract = loadContract(run.pack);
  const instances = expandChecks(contract, checks).filter((i) => selected(run.only, i.id, i.def.clause));
  if (!instances.length) {
    test.skip(`${family}: no check selected`, () => {});
    return;
  }
  const file = new FileRuntime(run, contract, family);
  describe(family, () => {
    // vitest 4 parses hook parameters: the first must be an object pattern, the suite comes second
    afterAll(async ({}, suite) => {
      suite.meta.storefrontFile = await file.finish();
    });
    for (const inst of instances) {
      test(inst.id, { timeout: Math.max(120_000, run.timeoutMs * 10) }, async ({ task }) => {
        task.meta.storefrontCheck = await file.run(inst);
      });
    }
  });
}

class FileRuntime {
  private readonly redactor: Redactor;
  private readonly client: HttpClient & { readonly requestCount: number };
  private readonly store: ReturnType<typeof createSessionStore>;
  private readonly fileMemo = new Map<string, Promise<unknown>>();
  private readonly cleanups: Array<() => Promise<unknown>> = [];
  private readonly observer: ExchangeObserver;
  private readonly resolver: PathResolver;
  private readonly levels: Map<string, string>;

  constructor(
    private readonly ctxRun: RunContext,
    private readonly contract: ContractPack,
    private readonly family: string,
  ) {
    const auth = contract.conventions.auth;
    this.redactor = new Redactor({
      authHeaders: [
        { ...auth.customer, placeholder: 'STOREFRONT_TOKEN' },
        { ...auth.service, placeholder: 'STOREFRONT_SERVICE_TOKEN' },
      ],
      secrets: this.ctxRun.secrets,
      secretKeys: [auth.login.passwordField, auth.login.tokenPointer.split('/').pop() ?? 'accessToken', ...(auth.login.captchaField ? [auth.login.captchaField] : [])],
    });
    const loginOp = contract.byId(auth.login.operationId);
    this.store = createSessionStore({
      tokens: this.ctxRun.tokens,
      credentials: this.ctxRun.credentials,
      missing: this.ctxRun.missing,
      login: (creds) => login(this.client, loginOp, auth.login, creds),
      onToken: (who, token) => this.redactor.addSecret(token, who === 'customer2' ? 'STOREFRONT_TOKEN2' : 'STOREFRONT_TOKEN'),
    });
    this.observer = new ExchangeObserver(contract, this.redactor);
    this.client = createHttpClient({
      baseUrl: this.ctxRun.target.baseUrl,
      auth: { customer: auth.customer, service: auth.service },
      apiVersion: { header: contract.conventions.headers.apiVersion, value: this.ctxRun.apiVersion },
      timeoutMs: this.ctxRun.timeoutMs,
      store: this.store,
      production: this.ctxRun.target.production,
      login: loginOp,
      match: (method, path) => contract.match(method, path)?.operationId,
      retry: this.ctxRun.retry,
      onExchange: (ex) => this.observer.observe(ex),
    });
    this.resolver = new PathResolver({
      contract,
      target: this.ctxRun.target,
      send: (spec) => this.client.send(spec),
      workerMemo,
      fileMemo: this.fileMemo,
      cleanup: (fn) => this.cleanups.push(fn),
    });
    this.levels = new Map(contract.clauses.map((c) => [c.id, c.level]));
  }

  private credentials(who: 'customer' | 'customer2'): { email: string; password: string; captcha?: string } | undefined {
    const c: LoginCredentials | undefined = this.ctxRun.credentials[who];
    return c ? { email: c.email, password: c.password, captcha: c.recaptchaToken } : undefined;
  }

  async run(inst: CheckInstance): Promise<CheckResult> {
    const started = performance.now();
    const base = {
      id: inst.id,
      clause: inst.def.clause,
      family: inst.family,
      endpoint: inst.endpoint,
      title: inst.def.title,
    };
    const done = (status: CheckStatus, message: string, extra: Partial<CheckResult> = {}): CheckResult => ({
      ...base,
      status,
      message,
      ...extra,
      durationMs: Math.round(performance.now() - started),
    });

    const t = this.ctxRun.target;
    if (inst.def.writes && (t.readOnly || t.production)) {
      return done('skipped', `changes server state: not run against ${t.production ? 'production' : 'a --read-only target'} (ENV-02)`);
    }
    // defence in depth (ENV-02): production gets GET/HEAD and the login only, whatever the op's x-writes says
    const method = inst.endpoint.split(' ')[0];
    const loginKey = this.contract.byId(this.contract.conventions.auth.login.operationId).key;
    if (t.production && /^(POST|PUT|PATCH|DELETE)$/.test(method) && inst.endpoint !== loginKey) {
      return done('skipped', `sends ${method}: only GET, HEAD and the login are sent to production (ENV-02)`);
    }
    for (const need of inst.def.needs ?? []) {
      if (!t.has[need]) return done('skipped', this.store.why(NEED_TO_IDENTITY[need]));
    }

    const first = await this.attempt(inst);
    if (first.status !== 'failed') return done(first.status, first.message, first.evidence ? { evidence: first.evidence } : {});

    const level = this.levels.get(inst.def.clause) ?? 'MUST';
    const repeatable = inst.def.repeatable ?? !inst.def.writes;
    if (repeatable && !first.crashed) {
      const second = await this.attempt(inst);
      if (second.status === 'passed') {
        return done('warned', `flaky: failed, then passed when repeated. First failure: ${first.message}`, {
          flaky: true,
          evidence: first.evidence,
        });
      }
    }
    const status: CheckStatus = level === 'SHOULD' && !first.crashed ? 'warned' : 'failed';
    return done(status, first.message, { evidence: first.evidence });
  }

  private async attempt(inst: CheckInstance): Promise<{ status: CheckStatus; message: string; evidence?: Evidence[]; crashed?: boolean }> {
    const notes: string[] = [];
    const mine: Exchange[] = [];
    const send = async (spec: Parameters<HttpClient['send']>[0]) => {
      const ex = await this.client.send(spec);
      mine.push(ex);
      return ex;
    };
    const ctx: CheckContext & { credentials: FileRuntime['credentials'] } = {
      http: { send, exchanges: () => this.client.exchanges(), close: async () => {} },
      contract: this.contract,
      target: this.ctxRun.target,
      op: inst.op,
      send,
      resolvePath: (op, values?: Record<string, string>) => this.resolver.resolve(op, values),
      validateShape: (name, value) => getValidator(this.contract).validateShape(name, value),
      cleanup: (fn) => {
        this.cleanups.push(fn);
      },
      memo: <T>(key: string, make: () => Promise<T>) => {
        let p = workerMemo.get(key) as Promise<T> | undefined;
        if (!p) {
          p = make();
          workerMemo.set(key, p);
          p.catch(() => workerMemo.delete(key));
        }
        return p;
      },
      fail: (message, ...evidence) => {
        throw new CheckFailure(message, evidence);
      },
      skip: (reason) => {
        throw new CheckSkip(reason);
      },
      note: (message) => {
        notes.push(message);
      },
      credentials: (who) => this.credentials(who),
    };
    const evidenceOf = (exchanges: Exchange[]) => exchanges.slice(0, MAX_EVIDENCE).map((ex) => toEvidence(ex, this.redactor));
    try {
      await inst.def.run(ctx);
      return { status: 'passed', message: notes.length ? notes.join('; ') : inst.def.title };
    } catch (err) {
      if (err instanceof CheckSkip) return { status: 'skipped', message: this.redactor.text(err.reason) };
      if (err instanceof MissingCredentialError) return { status: 'skipped', message: err.reason };
      if (err instanceof CheckFailure) {
        const evidence = err.evidence.length ? err.evidence : mine.slice(-1);
        return { status: 'failed', message: this.redactor.text(err.message), evidence: evidenceOf(evidence) };
      }
      if (err instanceof ProductionWriteRefused) {
        return { status: 'failed', crashed: true, message: `tool error, not a finding: ${err.message}` };
      }
      const e = err as Error;
      const where = e?.stack?.split('\n').slice(1, 3).map((l) => l.trim()).join(' ← ') ?? '';
      return {
        status: 'failed',
        crashed: true,
        message: this.redactor.text(`check crashed: ${e?.message ?? String(err)} (a bug in the tool, not a finding about the API; ${where})`),
        evidence: evidenceOf(mine.slice(-1)),
      };
    }
  }

  /** afterAll: undo what the checks created (also when they failed), report the file's totals. */
  async finish(): Promise<FileMeta> {
    const cleanupErrors: string[] = [];
    for (const fn of this.cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        cleanupErrors.push(this.redactor.text(`${this.family}: cleanup failed: ${(err as Error).message}`));
      }
    }
    const meta: FileMeta = {
      family: this.family,
      requests: this.client.requestCount,
      networkErrors: this.observer.networkErrors,
      firstNetworkError: this.observer.firstNetworkError,
      schema: this.observer.observations(),
      cleanupErrors,
    };
    await this.client.close();
    return meta;
  }
}
