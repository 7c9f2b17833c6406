// How checks end when a run stops early (a signal, or the run's --deadline) and what a cleanup
// left undone: the messages of checks cut short or never started, by cause, and the judge of a
// cleanup's outcome (a cleanup resolves with its exchange; no answer or an error answer is listed).

import type { Exchange } from '../http/types.js';
import type { CheckResult } from '../results.js';
import type { CheckInstance } from './select.js';

/** Why a run stops early: a signal (SIGINT/SIGTERM), or its --deadline passed. */
export type StopCause = 'interrupted' | 'deadline';

/** What a check the stop cut short or never started says, by cause. */
export const STOPPED: Record<StopCause, { before: string; during: string }> = {
  interrupted: { before: 'interrupted: the run stopped before this check started', during: 'interrupted: the run stopped while this check ran' },
  deadline: { before: "deadline: the run's --deadline passed before this check started", during: "deadline: the run's --deadline passed while this check ran" },
};

/** The result of a check the run never started (stopped by `cause` first). */
export function neverStarted(inst: CheckInstance, cause: StopCause): CheckResult {
  const { id, family, endpoint, def } = inst;
  return { id, clause: def.clause, family, endpoint, title: def.title, status: 'skipped', message: STOPPED[cause].before, durationMs: 0 };
}

/**
 * Why a cleanup's request did not undo its change, or undefined: a cleanup resolves with its
 * exchange, and one that got no answer (the target gone) or an error answer left the change in
 * place. 404/410: already gone; 409: already in the state asked for (a cancelled order).
 */
export function unsuccessful(value: unknown): string | undefined {
  const ex = value as Partial<Exchange> | undefined;
  if (!ex || typeof ex !== 'object' || !ex.request) return undefined;
  const what = `${ex.request.method} ${new URL(ex.request.url).pathname}`;
  if (!ex.response) return `${what} got no response (${ex.error?.code ?? 'error'})`;
  const status = ex.response.status;
  return status >= 400 && ![404, 409, 410].includes(status) ? `${what} answered ${status}` : undefined;
}
