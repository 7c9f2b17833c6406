// Test shim for `k6/crypto`: randomBytes from Node's crypto.
import { randomBytes as nodeRandomBytes } from 'node:crypto';

export function randomBytes(size: number): ArrayBuffer {
  const b = nodeRandomBytes(size);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}
export default { randomBytes };
