// Watches every exchange a client completes: validates the response against the contract
// (per operation and status; aggregated later into schema results) and counts exchanges that
// got no response at all (a lost target). Used by each suite file and by the main process.

import type { ContractPack } from '../contract/types.js';
import { toEvidence } from '../http/evidence.js';
import type { Redactor } from '../http/redact.js';
import type { Exchange } from '../http/types.js';
import { getValidator } from '../validation/validator.js';
import type { SchemaObservation } from './context.js';

const MAX_ISSUES = 10;

export class ExchangeObserver {
  readonly schema = new Map<string, SchemaObservation>();
  networkErrors = 0;
  firstNetworkError?: string;
  /** requests that met a 5xx (as the final answer or on a retried attempt), and a few of them */
  serverErrors = 0;
  serverErrorExamples: string[] = [];

  constructor(
    private readonly contract: ContractPack,
    private readonly redactor: Redactor,
  ) {}

  observe(ex: Exchange): void {
    if (!ex.response) {
      this.networkErrors++;
      this.firstNetworkError ??= this.redactor.text(`${ex.request.method} ${ex.request.url}: ${ex.error?.code ?? 'error'} ${ex.error?.message ?? ''}`.trim());
      return;
    }
    this.countServerError(ex);
    // a body cut at --max-body is not the answer the target sent: its check reports the cut, no schema judges it
    if (!ex.operationId || ex.request.method === 'HEAD' || ex.response.truncated) return;
    const op = this.contract.byId(ex.operationId);
    const status = ex.response.status;
    let issues;
    try {
      const body = ex.response.json ?? (ex.response.text.length ? ex.response.text : undefined);
      issues = getValidator(this.contract).validateResponse(op, status, body);
    } catch {
      return; // a validator problem is the tool's, not the API's: that op+status stays unjudged
    }
    if (!issues) return;
    const key = `${op.operationId} ${status}`;
    let obs = this.schema.get(key);
    if (!obs) this.schema.set(key, (obs = { operationId: op.operationId, status, validated: 0, failed: 0 }));
    obs.validated++;
    if (issues.length) {
      obs.failed++;
      if (!obs.issues) {
        obs.issues = issues.slice(0, MAX_ISSUES);
        obs.evidence = toEvidence(ex, this.redactor);
      }
    }
  }

  private countServerError(ex: Exchange): void {
    const status = ex.response!.status;
    const retried = (ex.retried ?? []).map((r) => r.status);
    if (status < 500 && !retried.length) return;
    this.serverErrors++;
    if (this.serverErrorExamples.length < 3) {
      const path = new URL(ex.request.url).pathname;
      this.serverErrorExamples.push(`${ex.request.method} ${path} → ${[...retried, status].join(', then ')}`);
    }
  }

  /** Forget what was seen (the totals were handed on). */
  reset(): void {
    this.serverErrors = 0;
    this.serverErrorExamples = [];
    this.schema.clear();
    this.networkErrors = 0;
    this.firstNetworkError = undefined;
  }

  observations(): SchemaObservation[] {
    return [...this.schema.values()];
  }
}
