// Builds the typed operation catalogue from the OpenAPI document: one Operation per
// path+method, its x- extensions validated and cross-checked against the rest of the pack
// (path params have sources, sources and resources exist, cited clauses exist).

import { isObject, pointer, type Json } from './json.js';
import type { Operation, ResponseSpec } from './types.js';
import { fail, operationExtensionsSchema, parseOrThrow } from './pack-schema.js';

const METHODS = ['get', 'head', 'post', 'put', 'delete', 'patch'] as const;



/** Follow a local `#/...` $ref inside the OpenAPI document (responses, parameters, schemas). */
export function resolveLocalRef(openapi: Json, value: unknown): unknown {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && current.$ref.startsWith('#/'); hops++) {
    if (hops > 20) fail(`openapi.yaml: $ref cycle at ${String(current.$ref)}`);
    current = pointer(openapi, current.$ref.slice(1));
    if (current === undefined) fail(`openapi.yaml: unresolved $ref ${String((value as Json).$ref)}`);
  }
  return current;
}

/** The JSON schema of a response's application/json content, or undefined for an empty body. */
export function responseSchema(openapi: Json, response: unknown): unknown {
  const resolved = resolveLocalRef(openapi, response);
  if (!isObject(resolved) || !isObject(resolved.content)) return undefined;
  const media = Object.entries(resolved.content).find(([type]) => /^application\/(.+\+)?json/.test(type));
  return media && isObject(media[1]) ? media[1].schema : undefined;
}

function pathParams(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

function buildOne(openapi: Json, path: string, method: (typeof METHODS)[number], raw: Json): Operation {
  const where = `paths.${path}.${method}`;
  const operationId = typeof raw.operationId === 'string' ? raw.operationId : fail(`openapi.yaml: ${where}: operationId missing`);
  const x = parseOrThrow(operationExtensionsSchema, raw, 'openapi.yaml', where);
  const responses: ResponseSpec[] = Object.entries(isObject(raw.responses) ? raw.responses : {}).map(([status, response]) => ({
    status,
    hasBody: responseSchema(openapi, response) !== undefined,
  }));
  const upper = method.toUpperCase() as Operation['method'];
  return {
    operationId,
    method: upper,
    path,
    key: `${upper} ${path}`,
    row: x['x-row'],
    auth: x['x-auth'],
    writes: x['x-writes'],
    pii: x['x-pii'] ?? x['x-auth'] === 'customer',
    paged: x['x-paged'],
    resource: x['x-resource'],
    sort: x['x-sort'],
    filters: x['x-filters'],
    params: x['x-params'],
    requiredQuery: x['x-required-query'],
    locale: x['x-locale'],
    hasBody: raw.requestBody !== undefined,
    clauses: x['x-clauses'],
    responses,
  };
}

/** Every operation of the document, cross-checked; throws ContractError on the first inconsistency. */
export function buildOperations(openapi: Json, clauseIds: ReadonlySet<string>): Operation[] {
  const paths = isObject(openapi.paths) ? openapi.paths : fail('openapi.yaml: paths missing');
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      if (isObject(item[method])) operations.push(buildOne(openapi, path, method, item[method]));
    }
  }
  const byId = new Map<string, Operation>();
  for (const op of operations) {
    if (byId.has(op.operationId)) fail(`openapi.yaml: operationId ${op.operationId} is used twice`);
    byId.set(op.operationId, op);
  }
  const schemas = isObject(openapi.components) && isObject(openapi.components.schemas) ? openapi.components.schemas : {};
  for (const op of operations) {
    const where = `openapi.yaml: ${op.key} (${op.operationId})`;
    for (const param of pathParams(op.path)) {
      if (!op.params[param]) fail(`${where}: x-params.${param} missing (how does a walker obtain it?)`);
    }
    for (const [param, source] of Object.entries(op.params)) {
      if (!pathParams(op.path).includes(param)) fail(`${where}: x-params.${param} is not a path parameter`);
      const from = byId.get(source.from) ?? fail(`${where}: x-params.${param}.from names unknown operation ${source.from}`);
      source.writes = from.writes;
    }
    if (op.resource !== undefined && !(op.resource in schemas)) {
      fail(`${where}: x-resource ${op.resource} is not in components.schemas`);
    }
    for (const id of op.clauses) {
      if (!clauseIds.has(id)) fail(`${where}: x-clauses cites ${id}, which clauses.yaml does not define`);
    }
    if (op.sort.length > 0 && !op.paged) fail(`${where}: x-sort on an operation that is not x-paged`);
  }
  return operations;
}
