// The direction of the arrows (STYLE.md): the results model depends on nothing; http/, validation/
// and the reporters import nothing from the engine or the checks; the server never imports the
// engine. Read from the import statements of the source files themselves.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const src = resolve(__dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every relative import of a file, as a path under src/ ('engine/run.js'). */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)].map((m) =>
    relative(src, resolve(join(file, '..'), m[1] ?? m[2])),
  );
}

const RULES: Array<[string, RegExp]> = [
  ['results.ts', /.*/],
  ['http/', /^(engine|checks|report)\//],
  ['validation/', /^(engine|checks|report)\//],
  ['report/', /^(engine|checks)\//],
  ['server/', /^(engine|checks|report)\//],
];

describe('import graph', () => {
  test.each(RULES)('%s imports nothing it must not', (room, forbidden) => {
    const offenders = files(src)
      .filter((f) => relative(src, f).startsWith(room))
      .flatMap((f) => imports(f).filter((i) => forbidden.test(i)).map((i) => `${relative(src, f)} → ${i}`));
    expect(offenders).toEqual([]);
  });
});
