// The zod schemas a contract pack is validated with when it loads: pack.yaml (PackConventions),
// clauses.yaml and the x- extensions of each OpenAPI operation. A malformed pack fails here with
// a message naming the file and the key, not later inside a check.

import { z } from 'zod';
import { ExitCode, ToolError } from '../errors.js';
import type { Clause, PackConventions } from './types.js';

const pointer = z.string().regex(/^(\/.*)?$/, 'must be a JSON pointer ("" or starting with "/")');
const name = z.string().min(1);
const authScheme = z.object({ header: name, scheme: z.enum(['raw', 'bearer']) });

const clauseRef = z.string().regex(/^([A-Z][A-Z0-9]*-)?[A-Z]+-[0-9]{2}$/, 'must be a clause id like PAG-04 or V2-PAG-04');
const statusKey = z.string().regex(/^([1-5][0-9]{2}|[1-5]xx)$/, 'must be a status like 404 or 5xx');
const regexSource = z.string().refine((v) => {
  try {
    new RegExp(v);
    return true;
  } catch {
    return false;
  }
}, 'must be a regular expression');

export const packConventionsSchema: z.ZodType<PackConventions> = z.strictObject({
  name,
  title: name,
  clauseMap: z.record(clauseRef, clauseRef).optional(),
  auth: z.strictObject({
    customer: authScheme,
    service: authScheme,
    login: z.strictObject({
      operationId: name,
      emailField: name,
      passwordField: name,
      captchaField: name.optional(),
      tokenPointer: pointer,
      customerIdPointer: pointer,
    }),
    refresh: z.strictObject({ operationId: name, tokenPointer: pointer, refreshTokenField: name.optional(), refreshTokenPointer: pointer.optional() }).optional(),
    logout: z.strictObject({ operationId: name }).optional(),
  }),
  headers: z.strictObject({
    apiVersion: name,
    correlationId: name.optional(),
    defaultApiVersion: name,
    apiVersionPattern: regexSource.optional(),
    region: name.optional(),
    language: z.strictObject({ request: name, response: name }).optional(),
  }),
  error: z.strictObject({
    statusField: name.optional(),
    messageField: name,
    codeField: name,
    typeField: name.optional(),
    errorsField: name,
    entry: z.strictObject({ field: name, code: name, message: name }),
    typeByStatus: z.record(statusKey, name).optional(),
    codesByStatus: z.record(statusKey, z.array(name).min(1)).optional(),
  }),
  money: z.strictObject({
    form: z.enum(['centPrecision', 'decimal']),
    amountField: name,
    currencyField: name,
    typeField: name.optional(),
    fractionDigitsField: name.optional(),
    amountFields: z.array(name).min(1).optional(),
  }).refine((m) => m.form !== 'decimal' || m.amountFields !== undefined, { message: 'decimal money needs amountFields (the fields that hold amounts)', path: ['amountFields'] }),
  timestamps: z.strictObject({ pattern: regexSource, fields: z.array(name).min(1) }).optional(),
  paging: z.strictObject({
    style: z.enum(['offset', 'page']).default('offset'),
    limitParam: name,
    offsetParam: name,
    defaultLimit: z.number().int().min(1),
    minLimit: z.number().int().min(0),
    maxLimit: z.number().int().min(1),
    envelope: z.strictObject({ limit: name, offset: name, count: name.optional(), total: name, results: name, pages: name.optional() }),
  })
    .refine((p) => p.style !== 'offset' || p.envelope.count !== undefined, { message: 'offset paging needs envelope.count', path: ['envelope', 'count'] })
    .refine((p) => p.style !== 'page' || p.envelope.pages !== undefined, { message: 'page paging needs envelope.pages (the total number of pages)', path: ['envelope', 'pages'] })
    .refine((p) => p.minLimit <= p.defaultLimit && p.defaultLimit <= p.maxLimit, { message: 'must hold minLimit <= defaultLimit <= maxLimit', path: ['defaultLimit'] }),
  sorting: z.strictObject({
    style: z.enum(['field', 'named']).default('field'),
    param: name,
    separator: name.optional(),
    directions: z.strictObject({ asc: name, desc: name }).optional(),
    invalidFieldCode: name,
  }).refine((s) => s.style !== 'field' || (s.separator !== undefined && s.directions !== undefined), { message: 'field sorting needs separator and directions', path: ['separator'] }),
  idempotency: z.strictObject({ field: name, pattern: regexSource, conflictCode: name }).optional(),
  filtering: z.strictObject({ param: name, invalidCode: name, invalidEntryCode: name }).optional(),
  rateLimit: z.strictObject({ status: z.number().int(), code: name, retryAfterHeader: name }),
  codes: z.strictObject({ required: name, invalidFormat: name, outOfRange: name, unsupported: name }),
}) as unknown as z.ZodType<PackConventions>;

/** PAG-04, or with a pack prefix V2-PAG-04 */
export const clauseIdPattern = /^([A-Z][A-Z0-9]*-)?[A-Z]+-[0-9]{2}$/;
const clauseId = z.string().regex(clauseIdPattern, 'must be a clause id like PAG-04 or V2-PAG-04');

export const clausesFileSchema: z.ZodType<{ clauses: Clause[] }> = z.object({
  clauses: z
    .array(
      z.object({
        id: clauseId,
        family: z.string().regex(/^([A-Z][A-Z0-9]*-)?[A-Z]+$/, 'must be a family like PAG or V2-PAG'),
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

const sortField = z.object({ name, type: fieldType, pointer, direction: z.enum(['asc', 'desc']).optional() });
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
  'x-auth': z.enum(['public', 'customer', 'service', 'guest']),
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

/** Thrown when a pack does not load: names the file and the key, one line per problem (exit 2). */
export class ContractError extends ToolError {
  constructor(message: string) {
    super(message, ExitCode.USAGE, 'E_CONTRACT');
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
