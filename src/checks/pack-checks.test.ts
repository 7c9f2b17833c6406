// Which checks a pack's run has (clauseMap, fitsPack) and the clause ids in their messages.
import { describe, expect, it } from 'vitest';
import { loadContract } from '../contract/load.js';
import { checksForPack } from './pack-checks.js';
import { onlyPack } from './conventions.js';
import { CheckFailure, type CheckContext, type CheckDef } from './types.js';

const bff = loadContract('storefront-bff');
const v2 = loadContract('storefront-v2');
const noop = async () => {};
const defs: CheckDef[] = [
  { slug: 'past-the-end', clause: 'PAG-06', title: 't', endpoint: '*', run: async (ctx) => ctx.fail('offset past the end (PAG-06), see also ERR-01') },
  { slug: 'correlation', clause: 'HDR-04', title: 't', endpoint: '*', run: noop },
  { slug: 'cart-flow', clause: 'ERR-04', title: 't', endpoint: '*', fitsPack: onlyPack('storefront-bff'), run: noop },
  { slug: 'otp', clause: 'V2-PAY-03', title: 't', endpoint: '*', run: noop },
];

describe('checksForPack', () => {
  it('the BFF keeps its own checks as they are (same object, same clause)', () => {
    const got = checksForPack(bff, defs);
    expect(got.map((d) => d.clause)).toEqual(['PAG-06', 'HDR-04', 'ERR-04']);
    expect(got[0]).toBe(defs[0]);
  });

  it("v2 maps the library's clauses, drops unmapped and other packs' checks, keeps its own", () => {
    expect(checksForPack(v2, defs).map((d) => `${d.clause}:${d.slug}`)).toEqual(['V2-PAG-04:past-the-end', 'V2-PAY-03:otp']);
  });

  it('maps the clause ids in findings', async () => {
    const [mapped] = checksForPack(v2, defs);
    const ctx = { contract: v2, fail: (m: string) => { throw new CheckFailure(m); }, skip: () => { throw new Error('skip'); }, note: () => {} } as unknown as CheckContext;
    await expect(mapped!.run(ctx)).rejects.toThrow('offset past the end (V2-PAG-04), see also V2-ERR-01');
  });
});
