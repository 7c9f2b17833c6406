#!/usr/bin/env node
// The executable behind `storefront-check` / `npx storefront-check`.
import { main } from './index.js';

// A closed pipe (`storefront-check serve --list-faults | head`) is a normal end, not a crash.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main().then((code) => {
  process.exitCode = code;
});
