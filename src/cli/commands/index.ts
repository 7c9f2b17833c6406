// The command table: one register function per command file.
import type { Command } from 'commander';
import { registerRun } from './run.js';
import { registerServe } from './serve.js';
import { registerLoad } from './load.js';
import { registerPacks } from './packs.js';

export function registerCommands(program: Command): void {
  registerRun(program);
  registerServe(program);
  registerLoad(program);
  registerPacks(program);
}
