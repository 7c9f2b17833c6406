// The coverage sentence of the text reporters: dedicated, schema-only and unchecked clauses apart.
import { describe, expect, it } from 'vitest';
import type { ClauseCoverage } from '../results.js';
import { coverageCounts, coverageSentence } from './coverage-text.js';

const zero = { passed: 0, failed: 0, warned: 0, skipped: 0, errored: 0 };
const row = (clause: string, judged: ClauseCoverage['judged']): ClauseCoverage => ({
  clause, level: 'MUST', summary: '', checks: 1, ...zero, endpoints: [], dedicated: zero, schema: zero, judged,
});

describe('coverageSentence', () => {
  it.each([
    [[], ''],
    [[row('PAG-01', 'dedicated')], 'Clauses: 1 judged by dedicated checks'],
    [[row('PAG-01', 'dedicated'), row('CART-02', 'schema only'), row('CART-01', 'not checked')],
      'Clauses: 1 judged by dedicated checks, 1 by schema conformance only, their rule not checked (CART-02), 1 not checked (CART-01)'],
    [['A-01', 'A-02', 'A-03'].map((c) => row(c, 'schema only')), 'Clauses: 0 judged by dedicated checks, 3 by schema conformance only, their rule not checked (A-01, A-02, … 1 more)'],
  ] as Array<[ClauseCoverage[], string]>)('%#', (rows, sentence) => expect(coverageSentence(rows, 2)).toBe(sentence));

  it('counts each kind', () => {
    expect(coverageCounts([row('X-01', 'dedicated'), row('X-02', 'dedicated'), row('X-03', 'schema only')])).toEqual({ dedicated: 2, schemaOnly: ['X-03'], notChecked: [] });
  });
});
