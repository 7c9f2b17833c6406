// Test shim for the `k6` module: check() records each named result, group() nests names,
// sleep() only records (the journeys run once, at full speed).
import { groupPath, shimState } from './state.js';

type Checkers<T> = Record<string, (value: T) => boolean>;

export function check<T>(value: T, checkers: Checkers<T>, _tags?: Record<string, string>): boolean {
  let all = true;
  for (const [name, fn] of Object.entries(checkers)) {
    let ok: boolean;
    try {
      ok = Boolean(fn(value));
    } catch {
      ok = false;
    }
    shimState().checks.push({ group: groupPath(), name, ok });
    all &&= ok;
  }
  return all;
}

export function group<T>(name: string, fn: () => T): T {
  const stack = shimState().groupStack;
  stack.push(name);
  try {
    return fn();
  } finally {
    stack.pop();
  }
}

/** Records the pause; really blocks only when a test sets globalThis.__K6_SHIM_REAL_SLEEP (429 tests). */
export function sleep(seconds: number): void {
  shimState().sleeps.push(seconds);
  if ((globalThis as Record<string, unknown>).__K6_SHIM_REAL_SLEEP && seconds > 0) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);
  }
}

export function fail(message?: string): never {
  throw new Error(message ?? 'fail() called');
}

export default { check, group, sleep, fail };
