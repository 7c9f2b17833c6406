// The coverage of a run in one sentence, for the text reporters (console, summary.md): how many
// clauses dedicated checks judged, which ones only schema conformance judged (their rule was never
// checked: a read-only run's CART-02), and which none did.

import type { ClauseCoverage } from '../results.js';

export interface CoverageCounts {
  dedicated: number;
  schemaOnly: string[];
  notChecked: string[];
}

export function coverageCounts(rows: readonly ClauseCoverage[]): CoverageCounts {
  const of = (j: ClauseCoverage['judged']) => rows.filter((r) => (r.judged ?? 'dedicated') === j).map((r) => r.clause);
  return { dedicated: of('dedicated').length, schemaOnly: of('schema only'), notChecked: of('not checked') };
}

/** 'Clauses: 60 judged by dedicated checks, 1 by schema conformance only (CART-02), 5 not checked (…)'; '' without rows. */
export function coverageSentence(rows: readonly ClauseCoverage[], max = 12, code: (s: string) => string = (s) => s): string {
  if (!rows.length) return '';
  const c = coverageCounts(rows);
  const names = (ids: string[]) => `${ids.slice(0, max).map(code).join(', ')}${ids.length > max ? `, … ${ids.length - max} more` : ''}`;
  const parts = [`${c.dedicated} judged by dedicated checks`];
  if (c.schemaOnly.length) parts.push(`${c.schemaOnly.length} by schema conformance only, their rule not checked (${names(c.schemaOnly)})`);
  if (c.notChecked.length) parts.push(`${c.notChecked.length} not checked (${names(c.notChecked)})`);
  return `Clauses: ${parts.join(', ')}`;
}
