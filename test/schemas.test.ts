// Every built-in contract pack: the OpenAPI document lints clean under Spectral, every schema
// compiles under ajv strict, the catalogue covers every row of its contract, and every clause cited
// anywhere exists in clauses.yaml (and, when the shared contract is at hand, matches it).

import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/config/package-root.js';
import { loadContract } from '../src/contract/load.js';
import { getValidator } from '../src/validation/validator.js';

const root = packageRoot();

/** Every built-in pack, with its catalogue size and its contract document in ../shared. */
const PACKS = [
  { name: 'storefront-bff', rows: 38, contract: 'CONTRACT.md', ids: /\b[A-Z]{2,4}-[0-9]{2}\b/g },
  { name: 'storefront-v2', rows: 44, contract: 'CONTRACT-v2.md', ids: /\bV2-[A-Z]{2,4}-[0-9]{2}\b/g },
];

interface SpectralResult {
  code: string;
  message: string;
  severity: number; // 0 error, 1 warning
  path: string[];
}

describe.each(PACKS)('pack $name', ({ name, rows, contract: contractFile, ids }) => {
  const pack = loadContract(name);
  const clauseIds = new Set(pack.clauses.map((c) => c.id));
  const schemaDir = join(pack.dir, 'schemas');
  const schemaFiles = readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json'));
  const contractPath = join(root, '..', 'shared', contractFile);

  describe('openapi.yaml', () => {
    it('lints with 0 Spectral errors', async () => {
      const args = ['spectral', 'lint', `schemas/${name}/openapi.yaml`, '-r', '.spectral.yaml', '-f', 'json', '-q'];
      const { stdout } = await promisify(execFile)('npx', args, { cwd: root }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
      const results = JSON.parse(stdout) as SpectralResult[];
      const describe = (r: SpectralResult) => `${r.code} at ${r.path.join('.')}: ${r.message}`;
      expect(results.filter((r) => r.severity === 0).map(describe)).toEqual([]);
      // Warnings do not fail the pack; the documents currently have none, so any that appear are shown.
      const warnings = results.filter((r) => r.severity === 1).map(describe);
      if (warnings.length > 0) console.warn(`spectral warnings (${name}):\n${warnings.join('\n')}`);
    });

    it(`has an operation for every catalogue row 1..${rows}`, () => {
      const present = new Set(pack.operations.map((op) => op.row));
      const missing = Array.from({ length: rows }, (_, i) => i + 1).filter((row) => !present.has(row));
      expect(missing).toEqual([]);
      expect(Math.max(...present)).toBe(rows);
    });

    it('cites only clauses that clauses.yaml defines', () => {
      const cited = pack.operations.flatMap((op) => op.clauses.map((id) => `${op.operationId}: ${id}`));
      expect(cited.filter((c) => !clauseIds.has(c.split(': ')[1]))).toEqual([]);
    });

    it('lists every path parameter in x-params', () => {
      for (const op of pack.operations) {
        const params = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        expect(Object.keys(op.params).sort(), op.key).toEqual(params.sort());
      }
    });
  });

  describe('schema files', () => {
    it.each(schemaFiles)('%s is an annotated JSON Schema 2020-12 file', (file) => {
      const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as Record<string, unknown>;
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(String(schema.$id).endsWith(`/${file}`)).toBe(true);
      expect(typeof schema.title).toBe('string');
      expect(clauseIds.has(String(schema['x-clause'])), `x-clause ${String(schema['x-clause'])}`).toBe(true);
      const nested = JSON.stringify(schema).match(/"x-clause":"[^"]+"/g) ?? [];
      for (const hit of nested) expect(clauseIds.has(hit.slice(12, -1)), hit).toBe(true);
    });

    it('every shape and every documented response compiles under ajv strict', () => {
      const validator = getValidator(pack);
      for (const shape of validator.shapeNames()) expect(() => validator.validateShape(shape, {}), shape).not.toThrow();
      for (const op of pack.operations) {
        for (const response of op.responses) {
          const status = Number(response.status.replace(/XX$/i, '00'));
          const result = validator.validateResponse(op, status, {});
          expect(result === undefined, `${op.operationId} ${response.status}`).toBe(!response.hasBody);
        }
      }
    });

    it('examples in the schema files are valid', () => {
      const validator = getValidator(pack);
      for (const file of schemaFiles) {
        const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as { title: string; examples?: unknown[] };
        for (const example of schema.examples ?? []) expect(validator.validateShape(schema.title, example), file).toEqual([]);
      }
    });
  });

  describe.skipIf(!existsSync(contractPath))(`clauses.yaml against ${contractFile}`, () => {
    const contract = existsSync(contractPath) ? readFileSync(contractPath, 'utf8') : '';

    it('defines every clause id of the contract, and no other', () => {
      const inContract = new Set(contract.match(ids) ?? []);
      expect([...inContract].filter((id) => !clauseIds.has(id)).sort()).toEqual([]);
      expect([...clauseIds].filter((id) => !inContract.has(id)).sort()).toEqual([]);
    });

    it('states each clause at the contract level', () => {
      for (const [, id, level] of contract.matchAll(/^- ((?:V2-)?[A-Z]+-[0-9]{2}) (MUST|SHOULD)?/gm)) {
        expect(pack.clauses.find((c) => c.id === id)?.level, id).toBe(level ?? 'TOOL');
      }
      for (const [, id, level] of contract.matchAll(/\((CART-[0-9]{2}) (MUST|SHOULD)\)/g)) {
        expect(pack.clauses.find((c) => c.id === id)?.level, id).toBe(level);
      }
    });
  });
});
