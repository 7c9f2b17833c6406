// The write path's last line of redaction: every file a reporter writes (and every line the
// console reporter prints) passes through redactOutput with every secret known when it is
// written — so a token learned late in the run, or a secret the target echoed in some escaped or
// encoded form, never reaches a report. Reporters themselves need not know about it.

import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type NamedSecret, redactOutput } from '../http/redact.js';
import type { Reporter, ReporterOptions } from './types.js';

export interface OutputRedaction {
  /** every secret of the run, asked for at write time (tokens learned late included) */
  secrets: () => Iterable<string | NamedSecret>;
}

/** Files under dir with their modification times (reports may write into subfolders). */
function snapshot(dir: string, out = new Map<string, number>()): Map<string, number> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (st?.isDirectory()) snapshot(path, out);
    else if (st?.isFile()) out.set(path, st.mtimeMs);
  }
  return out;
}

/** Redact one written file in place; binary files (a NUL byte) are left alone. */
export function redactFile(path: string, secrets: Iterable<string | NamedSecret>): void {
  const bytes = readFileSync(path);
  if (bytes.includes(0)) return;
  const text = bytes.toString('utf8');
  const clean = redactOutput(text, secrets);
  if (clean !== text) writeFileSync(path, clean);
}

/** Every string inside a value redacted (results, progress events), the shape kept. */
export function redactDeep<T>(value: T, secrets: ReadonlyArray<string | NamedSecret>): T {
  if (typeof value === 'string') return redactOutput(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets)])) as T;
  }
  return value;
}

/**
 * The same reporter, with everything it writes redacted: it is handed redacted results (so
 * a reporter that shortens a message never prints half a secret), and every file it wrote is
 * swept again afterwards.
 */
export function redactingReporter(reporter: Reporter, redaction: OutputRedaction): Reporter {
  const onRunEnd = reporter.onRunEnd?.bind(reporter);
  const onProgress = reporter.onProgress?.bind(reporter);
  return {
    ...reporter, // hooks added later pass through; the two that carry results are wrapped
    name: reporter.name,
    ...(onProgress ? { onProgress: (event) => onProgress(redactDeep(event, [...redaction.secrets()])) } : {}),
    async onRunEnd(results, dir) {
      if (!onRunEnd) return undefined;
      const before = snapshot(dir);
      const file = await onRunEnd(redactDeep(results, [...redaction.secrets()]), dir);
      const secrets = [...redaction.secrets()];
      const written = [...snapshot(dir)].filter(([path, mtime]) => before.get(path) !== mtime).map(([path]) => path);
      if (file && !written.includes(file)) written.push(file);
      for (const path of written) redactFile(path, secrets);
      return file;
    },
  };
}

/** A console stream that redacts each write (the console reporter writes whole lines). */
export function redactingStream(stream: NodeJS.WritableStream, redaction: OutputRedaction): NodeJS.WritableStream {
  const write = (chunk: unknown, ...rest: unknown[]) =>
    (stream.write as (...a: unknown[]) => boolean)(typeof chunk === 'string' ? redactOutput(chunk, redaction.secrets()) : chunk, ...rest);
  return new Proxy(stream, {
    get(target, prop, receiver) {
      if (prop === 'write') return write;
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function withRedaction(opts: ReporterOptions, redaction?: OutputRedaction): ReporterOptions {
  if (!redaction) return opts;
  return { ...opts, stream: redactingStream(opts.stream ?? process.stderr, redaction) };
}
