// Test shim for `k6/data`: a SharedArray calls its factory once and, as in k6, offers only
// `length`, index access and for-of (no filter/map/...), so a script relying on more fails here too.
export class SharedArray<T> {
  constructor(_name: string, factory: () => T[]) {
    const items = factory();
    if (!Array.isArray(items)) throw new Error('SharedArray: the callback must return an array');
    const frozen = Object.freeze(items.slice());
    return new Proxy(frozen, {
      get(target, key, receiver) {
        if (key === 'length' || key === Symbol.iterator || (typeof key === 'string' && /^\d+$/.test(key))) {
          return Reflect.get(target, key, receiver);
        }
        if (typeof key === 'symbol') return undefined;
        throw new TypeError(`SharedArray supports only length, [index] and for-of, not .${key}`);
      },
    }) as unknown as SharedArray<T>;
  }
}
export default { SharedArray };
