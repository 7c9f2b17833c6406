// A pack's clauseMap (pack.yaml): the check library and the validator cite the BFF's clause ids
// (PAG-04, FMT-04…); a pack numbered otherwise maps them to its own (V2-PAG-03). Absent: identity.

import type { ContractPack } from './types.js';

const CLAUSE_ID = /\b(?:[A-Z][A-Z0-9]*-)?[A-Z]+-[0-9]{2}\b/g;

/** The pack's clause for a library clause id (identity without a clauseMap entry). */
export function packClause(contract: Pick<ContractPack, 'conventions'>, clause: string): string {
  return contract.conventions.clauseMap?.[clause] ?? clause;
}

/** Map every clause id in a message ('… (PAG-06)' → '… (V2-PAG-04)'). */
export function mapClauseIds(contract: Pick<ContractPack, 'conventions'>, message: string): string {
  const map = contract.conventions.clauseMap;
  return map ? message.replace(CLAUSE_ID, (id) => map[id] ?? id) : message;
}
