// Finds the k6 executable: K6_BIN when set, else `k6` on PATH. Without one, a usage error that
// says how to install it (the tool never downloads k6 itself).

import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { UsageError } from '../errors.js';

export const K6_INSTALL_HINT =
  'k6 not found: install k6 v1.x (https://grafana.com/docs/k6/latest/set-up/install-k6/ — ' +
  'e.g. `brew install k6`, `winget install k6`, the Debian/RPM packages, or docker run grafana/k6) or set K6_BIN to its path';

function executable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The k6 binary's path, or undefined when there is none. */
export function locateK6(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.K6_BIN) return executable(env.K6_BIN) ? env.K6_BIN : undefined;
  const names = process.platform === 'win32' ? ['k6.exe', 'k6'] : ['k6'];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

export function findK6(env: NodeJS.ProcessEnv = process.env): string {
  const found = locateK6(env);
  if (found) return found;
  if (env.K6_BIN) throw new UsageError(`K6_BIN=${env.K6_BIN} is not an executable file. ${K6_INSTALL_HINT}`);
  throw new UsageError(K6_INSTALL_HINT);
}
