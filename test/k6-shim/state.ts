// What the k6 shim records while a journey runs once under vitest: every request (with its tags),
// every check result (with the group path it ran in), every metric sample. Kept on globalThis so
// the shim modules (reached through vitest's k6 aliases) and the tests share one record.

export interface RecordedRequest {
  method: string;
  url: string;
  name: string | undefined;
  tags: Record<string, string>;
  headers: Record<string, string>;
  body: string | null;
  status: number;
  responseBody: string;
  expected: boolean;
}
export interface RecordedCheck {
  group: string;
  name: string;
  ok: boolean;
}
export interface RecordedSample {
  metric: string;
  value: number;
  tags: Record<string, string>;
}
export interface ShimState {
  requests: RecordedRequest[];
  checks: RecordedCheck[];
  samples: RecordedSample[];
  sleeps: number[];
  groupStack: string[];
  aborted?: string;
}

const KEY = Symbol.for('storefront-check.k6-shim.state');
type Holder = { [KEY]?: ShimState };

export function shimState(): ShimState {
  const holder = globalThis as Holder;
  if (!holder[KEY]) holder[KEY] = { requests: [], checks: [], samples: [], sleeps: [], groupStack: [] };
  return holder[KEY];
}

export function resetShim(): ShimState {
  const s = shimState();
  s.requests = [];
  s.checks = [];
  s.samples = [];
  s.sleeps = [];
  s.groupStack = [];
  s.aborted = undefined;
  return s;
}

/** k6's group tag: '::Outer::Inner', '' at the top level. */
export function groupPath(): string {
  const stack = shimState().groupStack;
  return stack.length ? '::' + stack.join('::') : '';
}
