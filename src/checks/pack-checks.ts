// Which checks belong to a pack's run, and under which clause. The check library cites the BFF's
// clause ids; a pack maps them to its own (pack.yaml clauseMap) and a check is part of the run
// only when its mapped clause is one of the pack's clauses and it fits the pack's conventions
// (CheckDef.fitsPack). Checks written for one pack cite that pack's ids (V2-PAY-03) and so never
// run for another. The clause ids in a check's messages are mapped the same way.

import { mapClauseIds, packClause } from '../contract/clause-map.js';
import type { ContractPack } from '../contract/types.js';
import type { CheckContext, CheckDef } from './types.js';

export { mapClauseIds, packClause };

/** The checks of `checks` that belong to contract's run, with their clause and messages mapped. */
export function checksForPack(contract: ContractPack, checks: readonly CheckDef[]): CheckDef[] {
  const clauses = new Set(contract.clauses.map((c) => c.id));
  const out: CheckDef[] = [];
  for (const def of checks) {
    const clause = packClause(contract, def.clause);
    if (!clauses.has(clause)) continue;
    if (def.fitsPack && !def.fitsPack(contract.conventions)) continue;
    if (!contract.conventions.clauseMap) {
      out.push(def);
      continue;
    }
    out.push({ ...def, clause, run: (ctx) => def.run(mapped(ctx)) });
  }
  return out;
}

/** ctx whose findings cite the pack's clause ids. */
function mapped(ctx: CheckContext): CheckContext {
  const m = (s: string) => mapClauseIds(ctx.contract, s);
  return { ...ctx, fail: (message, ...evidence) => ctx.fail(m(message), ...evidence), skip: (reason) => ctx.skip(m(reason)), note: (message) => ctx.note(m(message)) };
}
