// Memory of a process and all its descendants, read from /proc (Linux): the hostile end-to-end
// tests and bench/hostile.mjs bound the whole tree (the CLI and its vitest worker), not one process.

import { readFileSync, readdirSync } from 'node:fs';

export interface ProcMemory {
  /** resident set now, kB */
  rss: number;
  /** high-water mark of the resident set, kB */
  hwm: number;
}

/** pid → memory (kB) of root and its descendants; a process gone meanwhile is left out. */
export function processTree(root: number): Map<number, ProcMemory> {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      /* gone */
    }
  }
  const out = new Map<number, ProcMemory>();
  const visit = (pid: number) => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
      out.set(pid, { rss: kb('VmRSS'), hwm: kb('VmHWM') });
    } catch {
      return;
    }
    for (const c of children.get(pid) ?? []) visit(c);
  };
  visit(root);
  return out;
}
