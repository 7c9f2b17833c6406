// Opaque resource ids (FMT-04) in the two formats of mode idFormat: 'prefixed' (`prod-0001`,
// counters per prefix) or 'uuid'. One instance per server, so runtime ids continue the seeded ones.

import { randomUUID } from 'node:crypto';

export class Ids {
  private readonly counters = new Map<string, number>();

  constructor(
    private readonly format: 'prefixed' | 'uuid',
    /** where uuids come from: a seeded generator while building the dataset, randomUUID after */
    public uuid: () => string = randomUUID,
  ) {}

  next(prefix: string, width = 4): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    if (this.format === 'uuid') return this.uuid();
    return `${prefix}-${String(n).padStart(width, '0')}`;
  }
}
