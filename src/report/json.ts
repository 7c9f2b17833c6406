// results.json: RunResults as is (src/engine/results.ts), for machines and for diffing runs.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter } from './types.js';

export function jsonReporter(): Reporter {
  return {
    name: 'json',
    onRunEnd(results, dir) {
      const file = join(dir, 'results.json');
      writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
      return file;
    },
  };
}
