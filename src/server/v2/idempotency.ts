// Idempotent creates by clientReference (V2-IDM-01/02/05): a ledger per kind and scope (the
// customer, or a guest order's email) of the body each reference first came with; the same body
// replays the resource, another body is 409 IDEMPOTENCY_CONFLICT.

import { conflictV2 } from './errors.js';
import type { V2State } from './state.js';

export type IdempotentKind = 'order' | 'payment' | 'purchase';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface IdempotencyKey {
  kind: IdempotentKind;
  scope: string;
  clientReference: string;
  body: Record<string, unknown>;
}

const ledgerKey = (k: IdempotencyKey): string => `${k.kind}|${k.scope}|${k.clientReference}`;

/**
 * The id of the resource this reference already created, or undefined for a new one. Throws 409
 * when the reference came with another body (unless `ignoreConflict`: a fault).
 */
export function replayedId(s: V2State, k: IdempotencyKey, ignoreConflict = false): string | undefined {
  const entry = s.idempotency.get(ledgerKey(k));
  if (!entry) return undefined;
  if (entry.fingerprint !== canonical(k.body) && !ignoreConflict) {
    throw conflictV2(`clientReference '${k.clientReference}' was already used with another request body`, 'IDEMPOTENCY_CONFLICT');
  }
  return entry.id;
}

export function remember(s: V2State, k: IdempotencyKey, id: string): void {
  s.idempotency.set(ledgerKey(k), { fingerprint: canonical(k.body), id });
}
