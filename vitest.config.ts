// The project's own tests (unit tests beside the code, end-to-end tests under test/).
// The conformance suites in suites/ are not run here directly: the engine runs them against a target.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// k6's modules never appear in src/: under vitest they map to a tiny shim, so the project's tests
// can run each k6 journey once against the reference server (test/load-journeys.test.ts).
const k6Shim = (file: string) => fileURLToPath(new URL(`./test/k6-shim/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^k6$/, replacement: k6Shim('k6.ts') },
      { find: /^k6\/(http|data|metrics|execution|crypto)$/, replacement: k6Shim('$1.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'suites/**', 'load/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker less than the cores (1 here); the tests wait on sockets and child
    // processes as much as on the CPU: on 2 cores, 3 workers keep them busy (measured: 2 workers 176 s,
    // 3 workers 153 s, 4 workers 155 s for the whole suite)
    maxWorkers: 3,
    // test files share their worker's module graph (compiled validators, loaded packs) instead of
    // loading every module again per file: the same 1,700 tests in 2 min 4–9 s instead of 2 min 45 s,
    // a third less CPU. Tests keep no module-level state between files (each starts its own servers).
    isolate: false,
  },
});
