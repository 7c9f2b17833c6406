// Which checks a run has: CheckDefs expanded over the contract's catalogue (appliesTo → one
// instance per operation) and the --only filter. Pure: used in the workers (harness) and in the
// main process (schema results, coverage rows).

import { checksForPack } from '../checks/pack-checks.js';
import type { CheckDef } from '../checks/types.js';
import type { ContractPack, Operation } from '../contract/types.js';

/** One expanded check: a CheckDef bound to an operation (or to none). */
export interface CheckInstance {
  id: string;
  def: CheckDef;
  op?: Operation;
  endpoint: string;
  family: string;
}

/** 'PAG-04' → 'PAG', 'V2-PAG-04' → 'V2-PAG'. */
export function familyOf(clause: string): string {
  return clause.replace(/-[0-9]{2}$/, '');
}

/** Expand check definitions over the catalogue. */
export function expandChecks(contract: ContractPack, checks: CheckDef[]): CheckInstance[] {
  const out: CheckInstance[] = [];
  for (const def of checksForPack(contract, checks)) {
    const family = familyOf(def.clause);
    if (def.appliesTo) {
      for (const op of contract.operations) {
        if (!def.appliesTo(op)) continue;
        out.push({ id: `${def.clause}:${op.key}:${def.slug}`, def, op, endpoint: op.key, family });
      }
    } else {
      const endpoint = def.endpoint ?? '*';
      out.push({ id: `${def.clause}:${endpoint}:${def.slug}`, def, endpoint, family });
    }
  }
  return out;
}

/** --only: a family ('PAG'), a clause id ('SRT-04') or a whole check id; case-insensitive. */
export function selected(only: readonly string[], id: string, clause: string): boolean {
  if (!only.length) return true;
  const c = clause.toUpperCase();
  return only.some((raw) => {
    const o = raw.trim().toUpperCase();
    return o === c || o === familyOf(c) || o === id.toUpperCase();
  });
}

