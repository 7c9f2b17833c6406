// Judges of one recorded answer, whichever check sent the request: the rules that hold for EVERY
// response (HDR-01/03/04/05, V2-VER-01, V2-AUTH-07, ERR-01/02/03 on error answers, ERR-07, FMT-01..04 on every
// node of every JSON body). The run-wide log (src/engine/answer-log.ts) folds every exchange of
// the run through them as it completes; the checks of run-wide.ts report what they found.
// A judge reads the request as it was actually sent: a version or correlation header the request
// left out (on purpose or not) is judged as left out, never against the run's defaults.

import type { ContractPack } from '../contract/types.js';
import type { Exchange } from '../http/types.js';
import { UUID, answered, header } from './assert.js';
import { codeSnake, envelopeValid, typeFits } from './errors.js';
import { ids, localized, money, timestamp, type Judge } from './formats.js';
import { GATEWAY, judgedErrorAnswer } from './gateway.js';
import { packClause } from './pack-checks.js';
import { secretFinding, type Secret } from './secrets.js';
import { CheckFailure, CheckSkip, type JudgeScope } from './types.js';

/** A judge's word on one answer: a finding, PASSED, or NOT_MINE (the answer is not this judge's to judge). */
export type Verdict = string | typeof PASSED | typeof NOT_MINE;
export const PASSED = undefined;
export const NOT_MINE = null;

/** What a run-wide judge reads: a judge's scope, and the run's own secrets (V2-AUTH-07). */
export type AnswerScope = JudgeScope & { runSecrets: readonly Secret[] };

export interface AnswerJudge {
  /** the library's clause id (mapped to the pack's by pack.yaml clauseMap) */
  clause: string;
  /** the judge fits the pack: its conventions have what it reads */
  fits(contract: ContractPack): boolean;
  judge(scope: AnswerScope, ex: Exchange): Verdict;
}

/** A judge of every node of a JSON body (FMT): one walk of each body serves them all. */
export interface NodeJudge {
  clause: string;
  fits(contract: ContractPack): boolean;
  node: Judge;
}

export const JSON_CONTENT_TYPE = /^application\/json\s*(;.*)?$/i;

/** The value of a request header as sent (any case), or undefined. */
export function sentHeader(ex: Exchange, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(ex.request.headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

const patterns = new Map<string, RegExp>();
const versionPattern = (source: string) => patterns.get(source) ?? patterns.set(source, new RegExp(source)).get(source)!;
const hasJsonBody = (ex: Exchange) => Boolean(ex.response && ex.response.json !== undefined && ex.response.text.trim().length > 0);
const always = () => true;
const withCorrelation = (c: ContractPack) => Boolean(c.conventions.headers.correlationId);
/** A scope's fail/skip throw: run one ctx-style judge and read what it threw. */
function caught(fn: () => void): Verdict {
  try {
    fn();
    return PASSED;
  } catch (err) {
    if (err instanceof CheckFailure) return err.message;
    if (err instanceof CheckSkip) return NOT_MINE;
    throw err;
  }
}

export const ANSWER_JUDGES: readonly AnswerJudge[] = [
  {
    clause: 'HDR-01', fits: always,
    judge: (_s, ex) => {
      if (!hasJsonBody(ex)) return NOT_MINE;
      const ct = header(ex, 'content-type');
      return ct && JSON_CONTENT_TYPE.test(ct) ? PASSED : `${answered(ex)} with a JSON body but Content-Type ${JSON.stringify(ct ?? null)}; expected application/json (HDR-01)`;
    },
  },
  {
    // the BFF's rule: present on every answer, and the exact value the request sent (section 4: without one, any version or a 400 — still with the header)
    clause: 'HDR-03', fits: (c) => !c.conventions.headers.apiVersionPattern,
    judge: (s, ex) => {
      const name = s.contract.conventions.headers.apiVersion;
      const sent = sentHeader(ex, name);
      const got = header(ex, name);
      if (got === undefined) return `${answered(ex)} without an ${name} header${sent ? ` (the request sent ${sent})` : ''}; every response carries it (HDR-03)`;
      if (sent && got !== sent) return `${answered(ex)} with ${name} ${JSON.stringify(got)}; the request sent ${sent}, which must be echoed exactly (HDR-03)`;
      return PASSED;
    },
  },
  {
    // v2's rule: every answer's version header matches the pack's pattern
    clause: 'V2-VER-01', fits: (c) => Boolean(c.conventions.headers.apiVersionPattern),
    judge: (s, ex) => {
      const h = s.contract.conventions.headers;
      const got = header(ex, h.apiVersion);
      return got && versionPattern(h.apiVersionPattern!).test(got) ? PASSED : `${answered(ex)} with ${h.apiVersion} ${JSON.stringify(got ?? null)}; every response carries one matching ${h.apiVersionPattern} (V2-VER-01)`;
    },
  },
  {
    clause: 'HDR-04', fits: withCorrelation,
    judge: (s, ex) => {
      const name = s.contract.conventions.headers.correlationId!;
      const sent = sentHeader(ex, name);
      if (!sent) return NOT_MINE;
      const got = header(ex, name);
      return got === sent ? PASSED : `${answered(ex)} with ${name} ${JSON.stringify(got ?? null)}; the request sent ${sent}, which must be echoed exactly (HDR-04)`;
    },
  },
  {
    clause: 'HDR-05', fits: withCorrelation,
    judge: (s, ex) => {
      const name = s.contract.conventions.headers.correlationId!;
      if (sentHeader(ex, name) !== undefined) return NOT_MINE;
      const got = header(ex, name);
      return got && UUID.test(got) ? PASSED : `${answered(ex)} with ${name} ${JSON.stringify(got ?? null)} to a request without one; expected a generated UUID (HDR-05)`;
    },
  },
  {
    clause: 'ERR-07', fits: always,
    judge: (_s, ex) => {
      const status = ex.response!.status;
      return status >= 500 && !GATEWAY.has(status) ? `${answered(ex)}; no request may give a 5xx other than 502/503/504 (ERR-07)` : PASSED;
    },
  },
  // v2: no answer reflects a secret its request sent, or the run's passwords and test card
  { clause: 'V2-AUTH-07', fits: always, judge: (s, ex) => secretFinding(s.contract, ex, s.runSecrets) ?? PASSED },
  ...([
    ['ERR-01', envelopeValid],
    ['ERR-02', codeSnake],
    ['ERR-03', typeFits],
  ] as const).map(([clause, fn]): AnswerJudge => ({
    clause, fits: always,
    // a body cut at --max-body is not the answer the target sent (its check reports the cut)
    judge: (s, ex) => (judgedErrorAnswer(s, ex) && !ex.response!.truncated ? caught(() => fn(s, ex)) : NOT_MINE),
  })),
];

export const NODE_JUDGES: readonly NodeJudge[] = [
  { clause: 'FMT-01', fits: always, node: money },
  { clause: 'FMT-02', fits: always, node: timestamp },
  { clause: 'FMT-03', fits: always, node: localized },
  { clause: 'FMT-04', fits: always, node: ids },
];

/** The judges of `list` that belong to contract's run: their clause is one of the pack's (after clauseMap) and they fit. */
export function judgesFor<J extends { clause: string; fits(c: ContractPack): boolean }>(contract: ContractPack, list: readonly J[]): J[] {
  const clauses = new Set(contract.clauses.map((c) => c.id));
  return list.filter((j) => clauses.has(packClause(contract, j.clause)) && j.fits(contract));
}
