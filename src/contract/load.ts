// Loads a contract pack (schemas/<pack>/: openapi.yaml, pack.yaml, clauses.yaml, schemas/) into a
// typed ContractPack, validated once and cached per pack. Synchronous: it runs at suite
// collection time, before any request is sent. A pack is named (a built-in folder of schemas/)
// or given as a folder path (./my-pack): a copy of a built-in pack with a path or a convention changed.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../config/package-root.js';
import { createMatcher } from './match.js';
import { buildOperations } from './operations.js';
import { clausesFileSchema, fail, packConventionsSchema, parseOrThrow } from './pack-schema.js';
import type { ContractPack, Operation } from './types.js';

export { ContractError } from './pack-schema.js';

const cache = new Map<string, ContractPack>();

/** The folder holding the packs: <package root>/schemas, whether running from src/ or dist/src/. */
export function defaultSchemasRoot(): string {
  return join(packageRoot(), 'schemas');
}

function readYaml(file: string, label: string): unknown {
  if (!existsSync(file)) fail(`${label}: not found (${file})`);
  try {
    return parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 });
  } catch (err) {
    return fail(`${label}: not valid YAML: ${(err as Error).message}`);
  }
}

/** Is `pack` a folder path (./my-pack, /abs/pack, packs/mine) rather than a built-in pack's name? */
export function isPackPath(pack: string): boolean {
  return isAbsolute(pack) || /[\\/]/.test(pack) || pack.startsWith('.');
}

/** The built-in packs: the folders of schemas/ holding a pack.yaml. */
export function builtInPacks(schemasRoot = defaultSchemasRoot()): string[] {
  return readdirSync(schemasRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(schemasRoot, d.name, 'pack.yaml')))
    .map((d) => d.name)
    .sort();
}

/** The folder of a pack: a path as given (relative to the working directory), or schemas/<name>. */
export function packDir(pack: string, schemasRoot?: string): string {
  return isPackPath(pack) ? resolve(pack) : resolve(schemasRoot ?? defaultSchemasRoot(), pack);
}

/** Load (once) and return the contract pack `pack` (a built-in name or a folder path). */
export function loadContract(pack = 'storefront-bff', schemasRoot?: string): ContractPack {
  const dir = packDir(pack, schemasRoot);
  const cached = cache.get(dir);
  if (cached) return cached;

  if (!existsSync(dir)) {
    if (isPackPath(pack)) fail(`contract pack ${pack}: no folder ${dir}`);
    fail(`unknown contract pack '${pack}': use one of ${builtInPacks(schemasRoot).join(', ')}, or a folder path such as ./my-pack`);
  }
  const conventions = parseOrThrow(packConventionsSchema, readYaml(join(dir, 'pack.yaml'), `${pack}/pack.yaml`), `${pack}/pack.yaml`);
  if (!isPackPath(pack) && conventions.name !== pack) fail(`${pack}/pack.yaml: name is ${conventions.name}, expected ${pack} (the folder name)`);
  const { clauses } = parseOrThrow(clausesFileSchema, readYaml(join(dir, 'clauses.yaml'), `${pack}/clauses.yaml`), `${pack}/clauses.yaml`);
  const clauseIds = new Set<string>();
  for (const clause of clauses) {
    if (clauseIds.has(clause.id)) fail(`${pack}/clauses.yaml: clause ${clause.id} is defined twice`);
    if (!clause.id.startsWith(`${clause.family}-`)) fail(`${pack}/clauses.yaml: ${clause.id} has family ${clause.family}`);
    clauseIds.add(clause.id);
  }

  const openapi = readYaml(join(dir, 'openapi.yaml'), `${pack}/openapi.yaml`);
  if (typeof openapi !== 'object' || openapi === null) fail(`${pack}/openapi.yaml: not an object`);
  const doc = openapi as Record<string, unknown>;
  const operations = buildOperations(doc, clauseIds);
  checkConventionsAgainstCatalogue(pack, conventions.auth, operations);

  const ids = new Map(operations.map((op) => [op.operationId, op]));
  const match = createMatcher(operations);
  const files = new Map<string, unknown>();
  const contract: ContractPack = {
    name: conventions.name,
    dir,
    conventions,
    clauses,
    operations,
    openapi: doc,
    byId(operationId: string): Operation {
      return ids.get(operationId) ?? fail(`contract pack ${pack}: no operation ${operationId}`);
    },
    match,
    schemaFile(ref: string): unknown {
      const file = join(dir, ref.split('#')[0]!);
      if (!files.has(file)) files.set(file, JSON.parse(readFileSync(file, 'utf8')));
      return files.get(file);
    },
  };
  cache.set(dir, contract);
  return contract;
}

function checkConventionsAgainstCatalogue(pack: string, auth: ContractPack['conventions']['auth'], operations: Operation[]): void {
  const named = [
    ['auth.login.operationId', auth.login.operationId],
    ['auth.refresh.operationId', auth.refresh?.operationId],
    ['auth.logout.operationId', auth.logout?.operationId],
  ] as const;
  for (const [key, operationId] of named) {
    if (operationId !== undefined && !operations.some((op) => op.operationId === operationId)) {
      fail(`${pack}/pack.yaml: ${key} names ${operationId}, which openapi.yaml does not define`);
    }
  }
}
