// Matches a concrete request ('GET', '/orders/v1?limit=2') to its operation. Path templates
// become regexes; when several match, literal segments win over parameters, left to right, so
// '/orders/v1' is listOrdersV1 and not getOrder with orderId 'v1'.

import type { Operation } from './types.js';

interface Compiled {
  op: Operation;
  regex: RegExp;
  /** one flag per segment: 1 literal, 0 parameter; compared lexicographically */
  literals: number[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(op: Operation): Compiled {
  const segments = op.path.split('/').filter(Boolean);
  const pattern = segments.map((seg) => (/^\{[^}]+\}$/.test(seg) ? '[^/]+' : escape(seg))).join('/');
  return {
    op,
    regex: new RegExp(`^/${pattern}/?$`),
    literals: segments.map((seg) => (seg.startsWith('{') ? 0 : 1)),
  };
}

function moreLiteral(a: Compiled, b: Compiled): number {
  for (let i = 0; i < Math.max(a.literals.length, b.literals.length); i++) {
    const diff = (b.literals[i] ?? 0) - (a.literals[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** A matcher over a catalogue; HEAD falls back to the GET operation of the same path. */
export function createMatcher(operations: readonly Operation[]) {
  const compiled = operations.map(compile).sort(moreLiteral);
  return (method: string, pathWithQuery: string): Operation | undefined => {
    let path = pathWithQuery.split(/[?#]/, 1)[0] || '/';
    if (/^[a-z]+:\/\//i.test(path)) path = new URL(path).pathname;
    const upper = method.toUpperCase();
    const find = (m: string) => compiled.find((c) => c.op.method === m && c.regex.test(path))?.op;
    return find(upper) ?? (upper === 'HEAD' ? find('GET') : undefined);
  };
}
