#!/usr/bin/env node
// The executable behind `storefront-check` / `npx storefront-check`.
import { main } from './index.js';

main().then((code) => {
  process.exitCode = code;
});
