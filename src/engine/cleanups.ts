// Undoing what the checks created, at the end of the run (or of an interrupted one). Each undo
// action belongs to a lane: a stateful check's family and endpoint, or a resource of its own.
// Lanes run in parallel (bounded); within a lane the actions run newest first, one after another:
// two checks that changed the same resource restore it in the reverse order of their changes (the
// later one's "before" is the earlier one's "after"). Each action has a deadline; what could not be
// undone is returned as one line each, for the report's setup problems.

import type { Redactor } from '../http/redact.js';
import type { CheckInstance } from './select.js';
import { unsuccessful } from './stop.js';

const CLEANUP_DEADLINE_MS = 10_000;

export interface Cleanup {
  lane: string;
  fn: () => Promise<unknown>;
}

/** The scheduler's lane of a check (stateful: its family and endpoint), which its undo actions share. */
export function laneOf(inst: CheckInstance): string {
  return `${inst.family} ${inst.endpoint}`;
}

/** Run the undo actions (registered oldest first); returns what failed, redacted. */
export async function runCleanups(registered: readonly Cleanup[], concurrency: number, redactor: Redactor): Promise<string[]> {
  const failures: string[] = [];
  const byLane = new Map<string, Array<() => Promise<unknown>>>();
  for (const { lane, fn } of [...registered].reverse()) byLane.set(lane, [...(byLane.get(lane) ?? []), fn]);
  await mapBounded([...byLane.values()], concurrency, async (fns) => {
    for (const fn of fns) {
      try {
        const undone = unsuccessful(await withDeadline(fn(), CLEANUP_DEADLINE_MS, 'cleanup'));
        if (undone) failures.push(redactor.text(`cleanup failed: ${undone}`));
      } catch (err) {
        failures.push(redactor.text(`cleanup failed: ${(err as Error).message}`));
      }
    }
  });
  return failures;
}

/** fn over items with at most `limit` calls in flight; results in the order of the items. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** Resolve with p, or reject once `ms` have passed (the work itself is bounded by its requests' deadlines). */
export function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} exceeded its budget of ${Math.round(ms / 1000)} s`)), ms);
    timer.unref();
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
