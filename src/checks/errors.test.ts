import { describe, expect, it } from 'vitest';
import { mutateId } from './errors.js';

describe('mutateId (ERR-05: a plausible, unknown id)', () => {
  it.each([
    ['p-001', /^p-\d{3}$/],
    ['prod-0001', /^prod-\d{4}$/],
    ['cat-10', /^cat-\d{2}$/],
    ['footer', /^[a-z]{6}$/],
    ['Summer_Sale', /^Summer_[A-Z][a-z]{3}$/],
    ['3f2b9c1e-8d4a-4b7e-9c3d-2a1b0c9d8e7f', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-9[0-9a-f]{3}-[0-9a-f]{12}$/],
    ['a1b2c3', /^[0-9a-f]{6}$/],
  ])('%s keeps its shape and changes', (id, shape) => {
    for (const salt of [1, 2, 3]) {
      const other = mutateId(id, salt);
      expect(other).toMatch(shape);
      expect(other).not.toBe(id);
    }
    expect(mutateId(id, 1)).not.toBe(mutateId(id, 2));
  });
});
