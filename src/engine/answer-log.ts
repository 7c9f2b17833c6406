// The run-wide exchange log: every exchange the run's client completes, whichever check sent it,
// is folded through the answer judges (src/checks/answer-judges.ts) as it arrives. Per clause it
// keeps counts (answers judged, failed; per operation and status) and the first three failing
// answers (bodies cut), and the first GET/HEAD requests met by 502/503/504 — never all the
// exchanges, so a run of any length is judged in bounded memory (the client's own exchanges() keeps
// only the last 2,000). The checks of src/checks/run-wide.ts, the atEnd judges of errors.ts and
// gateway.ts, api-version.ts and secrets.ts read it through ctx.runWide / ctx.gatewayAnswers.

import { ANSWER_JUDGES, NODE_JUDGES, NOT_MINE, judgesFor, type AnswerJudge, type AnswerScope, type NodeJudge, type Verdict } from '../checks/answer-judges.js';
import type { Secret } from '../checks/secrets.js';
import { answered } from '../checks/assert.js';
import { walk } from '../checks/formats.js';
import { GATEWAY, documentedServerStatus } from '../checks/gateway.js';
import { CheckFailure, CheckSkip, type GatewayLog, type JudgeScope, type RunWideTally } from '../checks/types.js';
import type { ContractPack, Operation } from '../contract/types.js';
import { withCutBody } from '../http/client.js';
import type { Exchange } from '../http/types.js';
import { getValidator } from '../validation/validator.js';

/** Failing answers kept per clause as evidence. */
const MAX_OFFENDERS = 3;
/** Distinct GET/HEAD requests answered 502/503/504 kept for gateway.ts to send again. */
const MAX_GATEWAY = 10;
/** An offender's body is kept up to this many characters (evidence shows less): a few large bodies must not stay alive all run. */
const KEPT_TEXT = 64 * 1024;

/** The exchange as kept for evidence: a large body cut. */
const kept = (ex: Exchange): Exchange => withCutBody(ex, KEPT_TEXT);

interface Tally extends RunWideTally {
  offenders: Array<{ message: string; exchange: Exchange }>;
  byAnswer: Map<string, { judged: number; failed: number }>;
}

export class AnswerLog {
  private readonly answerJudges: AnswerJudge[];
  private readonly nodeJudges: NodeJudge[];
  private readonly tallies = new Map<string, Tally>();
  private readonly base: Omit<AnswerScope, 'op'>;

  /** runSecrets: the run's own secrets, searched for in every answer (V2-AUTH-07) */
  constructor(private readonly contract: ContractPack, runSecrets: readonly Secret[] = []) {
    this.answerJudges = judgesFor(contract, ANSWER_JUDGES);
    this.nodeJudges = judgesFor(contract, NODE_JUDGES);
    for (const j of [...this.answerJudges, ...this.nodeJudges]) this.tallies.set(j.clause, { clause: j.clause, judged: 0, failed: 0, offenders: [], byAnswer: new Map() });
    this.base = {
      contract,
      runSecrets,
      validateShape: (name, value) => getValidator(contract).validateShape(name, value),
      fail: (message, ...evidence) => {
        throw new CheckFailure(message, evidence);
      },
      skip: (reason) => {
        throw new CheckSkip(reason);
      },
    };
  }

  /** Judge one completed exchange (no response: nothing to judge). */
  judge(ex: Exchange): void {
    if (!ex.response) return;
    const op = ex.operationId ? this.operation(ex.operationId) : undefined;
    const scope: AnswerScope = { ...this.base, op };
    const key = `${ex.request.method} ${op?.path ?? '(no operation)'} ${ex.response.status}`;
    this.noteGateway(scope, ex);
    for (const j of this.answerJudges) this.record(j.clause, key, ex, j.judge(scope, ex));
    // FMT: every node of every JSON body; a body cut at --max-body is not what the target sent
    const json = ex.response.json;
    if (!this.nodeJudges.length || json === undefined || ex.response.truncated || ex.request.method === 'HEAD') return;
    const found = new Map<string, string>();
    walk(json, (node, ptr, name) => {
      for (const j of this.nodeJudges) {
        if (found.has(j.clause)) continue;
        const bad = j.node(scope, node, ptr, name);
        if (bad) found.set(j.clause, `where ${ptr || '(root)'}: ${bad}`);
      }
    });
    for (const j of this.nodeJudges) {
      const bad = found.get(j.clause);
      this.record(j.clause, key, ex, bad === undefined ? undefined : `${answered(ex)} ${bad} (${j.clause})`);
    }
  }

  /**
   * judge(), for the client's onExchange: a judge that throws is the tool's failure, not the
   * API's, and must not fail the request of the check that sent it; the run-wide check reports it.
   */
  observe(ex: Exchange): void {
    try {
      // the 502/503/504 answers the client retried are answers too (envelope, headers), judged first
      for (const response of ex.retried ?? []) this.judge({ ...ex, response, notes: [...ex.notes, `an answer the client sent the request again after`] });
      this.judge(ex);
    } catch (err) {
      this.toolError ??= `a run-wide judge failed on ${ex.request.method} ${ex.request.url}: ${(err as Error).message}`;
    }
  }

  /** The first failure of a judge itself (the tool's), if any. */
  toolError?: string;

  /** What gateway.ts sends again at the end: the first distinct GET/HEAD answered 502/503/504, their count, and whether anything answered below 500. */
  readonly gateway: GatewayLog = { met: [], count: 0, healthy: false };
  private readonly gatewayKeys = new Set<string>();

  /** The tally of a judge by its library clause id, or undefined when the judge does not fit the pack. */
  tally(clause: string): RunWideTally | undefined {
    return this.tallies.get(clause);
  }

  private noteGateway(scope: JudgeScope, ex: Exchange): void {
    const status = ex.response!.status;
    if (status < 500) this.gateway.healthy = true;
    if (!GATEWAY.has(status) || !['GET', 'HEAD'].includes(ex.request.method) || documentedServerStatus(scope, ex)) return;
    const request = `${ex.request.method} ${ex.request.url}`;
    if (this.gatewayKeys.has(request)) return;
    this.gateway.count++;
    if (this.gatewayKeys.size >= MAX_GATEWAY) return;
    this.gatewayKeys.add(request);
    this.gateway.met.push(kept(ex));
  }

  private record(clause: string, key: string, ex: Exchange, verdict: Verdict): void {
    if (verdict === NOT_MINE) return;
    const t = this.tallies.get(clause)!;
    let row = t.byAnswer.get(key);
    if (!row) t.byAnswer.set(key, (row = { judged: 0, failed: 0 }));
    t.judged++;
    row.judged++;
    if (verdict === undefined) return;
    t.failed++;
    row.failed++;
    if (t.offenders.length < MAX_OFFENDERS) t.offenders.push({ message: verdict, exchange: kept(ex) });
  }

  private readonly ops = new Map<string, Operation | undefined>();
  private operation(id: string): Operation | undefined {
    if (!this.ops.has(id)) this.ops.set(id, this.contract.operations.find((o) => o.operationId === id));
    return this.ops.get(id);
  }
}
