// Small JSON helpers every room uses: the RFC 6901 pointer get (the contract's x-params, the
// pack's token pointers and the checks all address JSON this way) and the plain-object guard.

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** pointer({a:[{b:1}]}, '/a/0/b') === 1; '' (and '/') is the whole value; a missing step is undefined. */
export function pointer(value: unknown, ptr: string): unknown {
  if (ptr === '' || ptr === '/') return value;
  let cur = value;
  for (const raw of ptr.replace(/^\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Json)[key];
  }
  return cur;
}
