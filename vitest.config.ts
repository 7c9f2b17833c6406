// The project's own tests (unit tests beside the code, end-to-end tests under test/).
// The conformance suites in suites/ are not run here directly: the engine runs them against a target.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'suites/**', 'load/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
