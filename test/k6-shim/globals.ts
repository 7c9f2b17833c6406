// The k6 init-context globals for scripts run under vitest: __ENV, __VU, __ITER and open().
// open() resolves relative paths against load/ (where load/config.ts, the only caller, lives).
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LOAD_DIR = fileURLToPath(new URL('../../load/', import.meta.url));

export function installK6Globals(env: Record<string, string>): void {
  const g = globalThis as Record<string, unknown>;
  g.__ENV = { ...env };
  g.__VU = 1;
  g.__ITER = 0;
  g.open = (path: string, mode?: string) => {
    const file = isAbsolute(path) ? path : resolve(LOAD_DIR, path);
    return mode === 'b' ? readFileSync(file).buffer : readFileSync(file, 'utf8');
  };
}
