// The scheduler's orderings, on timed fake jobs (no network): the concurrency bound, serial keys,
// readers before the writers that wait for them, an exclusive job alone and last, and abort.
import { describe, expect, test } from 'vitest';
import { Scheduler, type JobSpec } from './scheduler.js';

const tick = () => new Promise((r) => setTimeout(r, 2));

/** Run jobs named by their spec; record [name, start|end] events and the peak of jobs running at once. */
async function trace(concurrency: number, specs: Array<[string, Partial<JobSpec<string>>]>, before?: (s: Scheduler) => void) {
  const s = new Scheduler(concurrency);
  const events: string[] = [];
  let running = 0;
  let peak = 0;
  const all = specs.map(([name, spec]) =>
    s.add({
      ...spec,
      ifAborted: () => `${name}:aborted`,
      async run() {
        events.push(`+${name}`);
        peak = Math.max(peak, ++running);
        await tick();
        running--;
        events.push(`-${name}`);
        return name;
      },
    }),
  );
  before?.(s);
  s.start();
  const results = await Promise.all(all);
  return { events, peak, results };
}

describe('Scheduler', () => {
  test('never more than `concurrency` jobs at once, all of them run', async () => {
    const { peak, results } = await trace(3, Array.from({ length: 10 }, (_, i) => [`j${i}`, {}] as [string, object]));
    expect(peak).toBe(3);
    expect(results).toHaveLength(10);
  });
  test('jobs with one serial key run one at a time', async () => {
    const { events } = await trace(8, [['a1', { serial: 'A' }], ['a2', { serial: 'A' }], ['b', { serial: 'B' }]]);
    expect(events.indexOf('-a1')).toBeLessThan(events.indexOf('+a2'));
    expect(events.indexOf('+b')).toBeLessThan(events.indexOf('-a1'));
  });
  test('afterReaders jobs start only when every reader is done, whatever the queue order', async () => {
    const { events } = await trace(8, [['w', { afterReaders: true }], ['r1', { reader: true }], ['r2', { reader: true }], ['x', {}]]);
    expect(events.indexOf('+w')).toBeGreaterThan(Math.max(events.indexOf('-r1'), events.indexOf('-r2')));
  });
  test('an isolated writer runs while no other writer does; readers and free jobs go on', async () => {
    const { events } = await trace(8, [['w1', { afterReaders: true, serial: 'A' }], ['iso', { afterReaders: true, isolated: true, serial: 'B' }], ['w2', { afterReaders: true, serial: 'C' }], ['x', {}]]);
    const during = (name: string) => [events.indexOf(`+${name}`), events.indexOf(`-${name}`)] as const;
    const [s, e] = during('iso');
    for (const w of ['w1', 'w2']) {
      const [ws, we] = during(w);
      expect(we < s || ws > e, `${w} overlaps the isolated job: ${events.join(' ')}`).toBe(true);
    }
  });
  test('exclusive jobs run alone, one after another, before the others', async () => {
    const { events } = await trace(8, [['a', {}], ['rl1', { exclusive: true }], ['b', { serial: 'S' }], ['rl2', { exclusive: true }]]);
    expect(events.slice(0, 4)).toEqual(['+rl1', '-rl1', '+rl2', '-rl2']);
  });
  test('atEnd jobs start after every other job and run together', async () => {
    const { events } = await trace(8, [['judge1', { atEnd: true }], ['rl', { exclusive: true }], ['a', {}], ['judge2', { atEnd: true }]]);
    expect(events.indexOf('+judge1')).toBeGreaterThan(Math.max(events.indexOf('-rl'), events.indexOf('-a')));
    expect(events.indexOf('+judge2')).toBeLessThan(events.indexOf('-judge1'));
  });
  test('last jobs start after the atEnd jobs are done, and run together', async () => {
    const { events } = await trace(8, [['log1', { atEnd: true, last: true }], ['judge', { atEnd: true }], ['a', {}], ['log2', { atEnd: true, last: true }]]);
    expect(events.indexOf('+log1')).toBeGreaterThan(Math.max(events.indexOf('-judge'), events.indexOf('-a')));
    expect(events.indexOf('+log2')).toBeLessThan(events.indexOf('-log1'));
  });
  test('abort: queued jobs resolve as aborted, nothing new starts', async () => {
    const { results } = await trace(1, [['a', {}], ['b', {}]], (s) => queueMicrotask(() => s.abort()));
    expect(results).toEqual(['a', 'b:aborted']);
  });
  test('a concurrency that is not a positive integer is refused', () => {
    expect(() => new Scheduler(0)).toThrow(/positive integer/);
  });
});
