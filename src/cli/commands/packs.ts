// `storefront-check packs`: the built-in contract packs, one line each (name, title, operations,
// clauses), on stdout. A pack folder of one's own is given to run/serve/load with --pack <dir>.

import type { Command } from 'commander';
import { builtInPacks, loadContract } from '../../contract/load.js';

export function printPacks(out: NodeJS.WritableStream = process.stdout): void {
  const packs = builtInPacks().map((name) => loadContract(name));
  const width = Math.max(...packs.map((p) => p.name.length));
  for (const p of packs) {
    out.write(`${p.name.padEnd(width)}  ${p.conventions.title} (${p.operations.length} operations, ${p.clauses.length} clauses)\n`);
  }
}

export function registerPacks(program: Command): void {
  program
    .command('packs')
    .description('list the built-in contract packs (use one with --pack <name>, or a folder of your own with --pack ./my-pack)')
    .action(() => printPacks());
}
