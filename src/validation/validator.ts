// The one module that talks to ajv. One Ajv2020 instance per contract pack (strict, allErrors,
// verbose, ajv-formats), every schema file of the pack added once, compiled validators cached
// per (operationId, status) and per shape name; errors come back as SchemaIssues citing the
// x-clause of the schema that failed. Checks never call ajv directly.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { SchemaIssue } from '../results.js';
import { responseSchema } from '../contract/operations.js';
import { packClause } from '../contract/clause-map.js';
import type { ContractPack, Operation } from '../contract/types.js';
import { type ClauseIndex, indexClauses, toIssues } from './issues.js';
import { type RefContext, componentFileId, rewriteRefs } from './openapi-refs.js';

// ajv-formats is CommonJS: under NodeNext its default import is the module object, at runtime the plugin.
const addFormats = formatsPlugin as unknown as typeof formatsPlugin.default;

export interface PackValidator {
  /** undefined: no schema documented for that status (neither exact, nXX nor default) */
  validateResponse(op: Operation, status: number, body: unknown): SchemaIssue[] | undefined;
  /** validate against a components.schemas name or a schema file title ('Money', 'Cart', 'ErrorEnvelope') */
  validateShape(schemaName: string, value: unknown): SchemaIssue[];
  /** every shape name validateShape knows */
  shapeNames(): string[];
}

/** Keywords of OpenAPI 3.1 schemas that JSON Schema 2020-12 does not define. */
const OPENAPI_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs'];

const validators = new Map<string, PackValidator>();

export function getValidator(pack: ContractPack): PackValidator {
  let validator = validators.get(pack.dir);
  if (!validator) {
    validator = createValidator(pack);
    validators.set(pack.dir, validator);
  }
  return validator;
}

interface SchemaFile {
  file: string;
  id: string;
  title: string;
  schema: Record<string, unknown>;
}

function readSchemaFiles(dir: string): SchemaFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.schema.json'))
    .sort()
    .map((file) => {
      const schema = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
      if (typeof schema.$id !== 'string' || typeof schema.title !== 'string') {
        throw new Error(`${file}: a schema file needs a string $id and title`);
      }
      return { file, id: schema.$id, title: schema.title, schema };
    });
}

function extensionKeywords(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => extensionKeywords(v, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key.startsWith('x-')) found.add(key);
      extensionKeywords(v, found);
    }
  }
  return found;
}

function createValidator(pack: ContractPack): PackValidator {
  const files = readSchemaFiles(join(pack.dir, 'schemas'));
  const components = ((pack.openapi.components as Record<string, unknown> | undefined)?.schemas ?? {}) as Record<string, unknown>;
  const ctx: RefContext = { components, fileIds: new Map(files.map((f) => [f.file, f.id])) };

  const ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addVocabulary(OPENAPI_KEYWORDS);
  for (const keyword of extensionKeywords([files.map((f) => f.schema), components])) ajv.addKeyword({ keyword });

  const clauses: ClauseIndex = new WeakMap();
  for (const f of files) {
    indexClauses(clauses, f.schema);
    ajv.addSchema(f.schema);
  }
  const titles = new Map(files.map((f) => [f.title, f.id]));

  const compileRewritten = (schema: unknown): ValidateFunction => {
    const rewritten = rewriteRefs(ctx, schema) as Record<string, unknown>;
    indexClauses(clauses, rewritten);
    return ajv.compile(rewritten);
  };

  const shapes = new Map<string, ValidateFunction>();
  const shape = (name: string): ValidateFunction => {
    let validate = shapes.get(name);
    if (validate) return validate;
    const fileId = name in components ? componentFileId(ctx, name) : titles.get(name);
    if (fileId) validate = ajv.getSchema(fileId);
    else if (name in components) validate = compileRewritten(components[name]);
    if (!validate) throw new Error(`contract pack ${pack.name}: no schema named ${name}`);
    shapes.set(name, validate);
    return validate;
  };

  const responses = new Map<string, ValidateFunction | null>();
  const response = (op: Operation, status: number): ValidateFunction | null => {
    const key = `${op.operationId} ${status}`;
    let validate = responses.get(key);
    if (validate !== undefined) return validate;
    const documented = documentedResponses(pack, op);
    const found = [String(status), `${Math.floor(status / 100)}XX`, `${Math.floor(status / 100)}xx`, 'default']
      .map((s) => documented[s])
      .find((r) => r !== undefined);
    const schema = found === undefined ? undefined : responseSchema(pack.openapi, found);
    validate = schema === undefined ? null : compileRewritten(schema);
    responses.set(key, validate);
    return validate;
  };

  const run = (validate: ValidateFunction, value: unknown, fallbackClause: string): SchemaIssue[] =>
    validate(value) ? [] : toIssues(validate.errors, clauses, fallbackClause);

  return {
    validateResponse(op, status, body) {
      const validate = response(op, status);
      return validate ? run(validate, body, packClause(pack, status >= 400 ? 'ERR-01' : 'FMT-04')) : undefined;
    },
    validateShape(schemaName, value) {
      return run(shape(schemaName), value, packClause(pack, 'FMT-04'));
    },
    shapeNames() {
      return [...new Set([...Object.keys(components), ...titles.keys()])].sort();
    },
  };
}

function documentedResponses(pack: ContractPack, op: Operation): Record<string, unknown> {
  const item = (pack.openapi.paths as Record<string, Record<string, unknown>> | undefined)?.[op.path];
  const raw = item?.[op.method.toLowerCase()] as { responses?: Record<string, unknown> } | undefined;
  return raw?.responses ?? {};
}
