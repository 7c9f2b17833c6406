// The zod schemas a contract pack is validated with when it loads: pack.yaml (PackConventions),
// clauses.yaml and the x- extensions of each OpenAPI operation. A malformed pack fails here with
// a message naming the file and the key, not later inside a check.

import { z } from 'zod';
import type { Clause, PackConventions } from './types.js';

const pointer = z.string().regex(/^(\/.*)?$/, 'must be a JSON pointer ("" or starting with "/")');
const name = z.string().min(1);
const authScheme = z.object({ header: name, scheme: z.enum(['raw', 'bearer']) });

export const packConventionsSchema: z.ZodType<PackConventions> = z.object({
  name,
  title: name,
  auth: z.object({
    customer: authScheme,
    service: authScheme,
    login: z.object({
      operationId: name,
      emailField: name,
      passwordField: name,
      captchaField: name.optional(),
      tokenPointer: pointer,
      customerIdPointer: pointer,
    }),
    refresh: z.object({ operationId: name, tokenPointer: pointer }).optional(),
    logout: z.object({ operationId: name }).optional(),
  }),
  headers: z.object({ apiVersion: name, correlationId: name, defaultApiVersion: name }),
  error: z.object({
    statusField: name,
    messageField: name,
    codeField: name,
    typeField: name.optional(),
    errorsField: name,
    entry: z.object({ field: name, code: name, message: name }),
    typeByStatus: z.record(z.string().regex(/^([1-5][0-9]{2}|[1-5]xx)$/, 'must be a status like 404 or 5xx'), name).optional(),
  }),
  money: z.object({
    form: z.enum(['centPrecision', 'decimal']),
    amountField: name,
    currencyField: name,
    typeField: name.optional(),
    fractionDigitsField: name.optional(),
  }),
  paging: z.object({
    limitParam: name,
    offsetParam: name,
    defaultLimit: z.number().int().min(1),
    minLimit: z.number().int().min(0),
    maxLimit: z.number().int().min(1),
    envelope: z.object({ limit: name, offset: name, count: name, total: name, results: name }),
  }),
  sorting: z.object({
    param: name,
    separator: name,
    directions: z.object({ asc: name, desc: name }),
    invalidFieldCode: name,
  }),
  filtering: z.object({ param: name, invalidCode: name, invalidEntryCode: name }),
  rateLimit: z.object({ status: z.number().int(), code: name, retryAfterHeader: name }),
  codes: z.object({ required: name, invalidFormat: name, outOfRange: name, unsupported: name }),
});

export const clauseIdPattern = /^[A-Z]+-[0-9]{2}$/;
const clauseId = z.string().regex(clauseIdPattern, 'must be a clause id like PAG-04');

export const clausesFileSchema: z.ZodType<{ clauses: Clause[] }> = z.object({
  clauses: z
    .array(
      z.object({
        id: clauseId,
        family: z.string().regex(/^[A-Z]+$/),
        level: z.enum(['MUST', 'SHOULD', 'TOOL']),
        summary: name,
      }),
    )
    .min(1),
});

const fieldType = z.enum([
  'number',
  'integer',
  'money',
  'timestamp',
  'boolean',
  'string',
  'localizedString',
  'enum',
  'categorySlug',
  'id',
]);
const filterOp = z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);

const sortField = z.object({ name, type: fieldType, pointer });
const filterSpec = z.object({
  style: z.enum(['simple', 'structured']),
  param: name,
  type: fieldType,
  pointer,
  ops: z.array(filterOp).min(1),
  values: z.array(z.string()).optional(),
  nullable: z.boolean().optional(),
});
const paramSource = z.object({
  from: name,
  pointer,
  query: z.record(z.string(), z.string()).optional(),
  value: z.string().optional(),
});

/** The x- extensions of one operation, with defaults for the optional ones. */
export const operationExtensionsSchema = z.object({
  'x-row': z.number().int().min(1),
  'x-auth': z.enum(['public', 'customer', 'service']),
  'x-writes': z.boolean().default(false),
  /** default: customer endpoints carry PII */
  'x-pii': z.boolean().optional(),
  'x-paged': z.boolean().default(false),
  'x-resource': name.optional(),
  'x-sort': z.array(sortField).default([]),
  'x-filters': z.array(filterSpec).default([]),
  'x-params': z.record(z.string(), paramSource).default({}),
  'x-required-query': z.record(z.string(), z.string()).default({}),
  'x-locale': z.boolean().default(false),
  'x-clauses': z.array(clauseId).default([]),
});

export type OperationExtensions = z.infer<typeof operationExtensionsSchema>;

/** Thrown when a pack does not load: names the file and the key. */
export class ContractError extends Error {
  readonly code = 'E_CONTRACT';
  constructor(message: string) {
    super(message);
    this.name = 'ContractError';
  }
}

/** Parse with a zod schema, or throw a ContractError listing each bad key of `file`. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, file: string, where = ''): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = [where, ...issue.path.map(String)].filter(Boolean).join('.');
    return `  ${key || '(root)'}: ${issue.message}`;
  });
  return fail(`${file}: invalid contract pack\n${lines.join('\n')}`);
}

export function fail(message: string): never {
  throw new ContractError(message);
}
