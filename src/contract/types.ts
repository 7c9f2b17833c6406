// The typed form of a contract pack (schemas/<pack>/): its conventions, its clauses and its
// operation catalogue. Checks read API conventions from here, never from constants of their own,
// so a second pack (Storefront API v2) plugs in without touching check code.

/** How a credential is put on a request. `raw`: header value is the token; `bearer`: "Bearer <token>". */
export interface AuthScheme {
  header: string;
  scheme: 'raw' | 'bearer';
}

/** schemas/<pack>/pack.yaml, validated and typed. */
export interface PackConventions {
  name: string; // 'storefront-bff'
  title: string;
  auth: {
    customer: AuthScheme; // { header: 'X-BFF-Token', scheme: 'raw' }
    service: AuthScheme; // { header: 'Authorization', scheme: 'bearer' }
    login: {
      operationId: string; // 'login'
      /** body fields: which request field carries what */
      emailField: string; // 'emailAddress'
      passwordField: string; // 'password'
      captchaField?: string; // 'gRecaptchaResponse'
      /** JSON pointer of the token in the login response */
      tokenPointer: string; // '/accessToken'
      customerIdPointer: string; // '/customer/id'
    };
    refresh?: { operationId: string; tokenPointer: string };
    logout?: { operationId: string };
  };
  headers: {
    apiVersion: string; // 'X-Api-Version'
    correlationId: string; // 'Correlation-Id'
    defaultApiVersion: string; // 'v1.0'
  };
  error: {
    statusField: string; // 'status'
    messageField: string; // 'message'
    codeField: string; // 'code'
    typeField?: string; // 'type'
    errorsField: string; // 'errors'
    entry: { field: string; code: string; message: string }; // names inside an errors[] entry
    /** allowed `type` per status; key '5xx' covers all 5xx */
    typeByStatus?: Record<string, string>;
  };
  money: {
    form: 'centPrecision' | 'decimal';
    amountField: string; // 'centAmount'
    currencyField: string; // 'currencyCode'
    typeField?: string; // 'type'
    fractionDigitsField?: string; // 'fractionDigits'
  };
  paging: {
    limitParam: string; // 'limit'
    offsetParam: string; // 'offset'
    defaultLimit: number; // 20
    minLimit: number; // 1
    maxLimit: number; // 100
    envelope: { limit: string; offset: string; count: string; total: string; results: string };
  };
  sorting: {
    param: string; // 'sort'
    separator: string; // ':'
    directions: { asc: string; desc: string };
    invalidFieldCode: string; // 'INVALID_SORT_FIELD'
  };
  filtering: {
    /** how a structured filter is written: `filter[{field}]` and `filter[{field}[{op}]]` */
    param: string; // 'filter'
    invalidCode: string; // 'INVALID_FILTER'
    invalidEntryCode: string; // 'INVALID_VALUE'
  };
  rateLimit: { status: number; code: string; retryAfterHeader: string };
  /** Clause-specific vocabulary the checks need (codes in error entries, etc.). */
  codes: {
    required: string; // 'REQUIRED'
    invalidFormat: string; // 'INVALID_FORMAT'
    outOfRange: string; // 'OUT_OF_RANGE'
    unsupported: string; // 'UNSUPPORTED'
  };
}

export type ClauseLevel = 'MUST' | 'SHOULD' | 'TOOL';

/** schemas/<pack>/clauses.yaml: every clause of CONTRACT.md. */
export interface Clause {
  id: string; // 'PAG-04'
  family: string; // 'PAG'
  level: ClauseLevel;
  summary: string; // one line
}

export type AuthKind = 'public' | 'customer' | 'service';

export type FieldType =
  | 'number'
  | 'integer'
  | 'money'
  | 'timestamp'
  | 'boolean'
  | 'string'
  | 'localizedString'
  | 'enum'
  | 'categorySlug' // value is a category slug, item matches when `path` (an id array) contains that category's id
  | 'id'; // opaque id, e.g. parentId (may be compared to the literal null)

export type FilterOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';

/** One sortable field of a paged operation (x-sort). */
export interface SortField {
  name: string; // as written in `sort=name:asc`
  type: FieldType;
  /** JSON pointer into a result item, e.g. '/price' or '/name' */
  pointer: string;
}

/** One filter an operation accepts (x-filters). */
export interface FilterSpec {
  /** 'simple': `?inStock=true`; 'structured': `?filter[price[gte]]=5000` */
  style: 'simple' | 'structured';
  /** query parameter name for simple filters ('minPrice'); field name inside filter[...] for structured ('price') */
  param: string;
  type: FieldType;
  /** JSON pointer into a result item that the filter constrains */
  pointer: string;
  /** structured: the operators accepted; simple: the single implied operator ('gte' for minPrice) */
  ops: FilterOp[];
  /** enum values, for type 'enum' */
  values?: string[];
  /** true when `null` is a meaningful value (filter[parentId]=null) */
  nullable?: boolean;
}

/** Where a path parameter's value comes from when the suite walks the catalogue (x-params). */
export interface ParamSource {
  /** operationId to call (with no params, or with its own params resolved recursively) */
  from: string;
  /** JSON pointer into that response; '/results/0/id' */
  pointer: string;
  /** query to add to that call, e.g. { 'limit': '1' } */
  query?: Record<string, string>;
  /** literal fallback when no call is needed, e.g. 'footer' for the content slug */
  value?: string;
  /**
   * Filled by the loader: the source operation changes state (createCart…). A read-only walker
   * uses only sources with `writes: false`; write-created params are the checks' business.
   */
  writes?: boolean;
}

export interface ResponseSpec {
  status: string; // '200', '404', '4XX', 'default'
  /** resolved JSON Schema (with $ref to schemas/<pack>/schemas/*.schema.json) or undefined for empty bodies */
  hasBody: boolean;
}

export interface Operation {
  operationId: string; // 'listProducts'
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** OpenAPI path template: '/products/{productId}' */
  path: string;
  /** 'GET /products/{productId}': how reports name an endpoint */
  key: string;
  /** catalogue row number in CONTRACT.md section 3 */
  row: number;
  auth: AuthKind;
  /** writes change server state (ENV-02 gating) */
  writes: boolean;
  /** response body contains PII (customer endpoints): HDR-07 */
  pii: boolean;
  paged: boolean;
  /** name of the result item schema for paged ops, or the body schema name otherwise ('ProductSummary') */
  resource?: string;
  sort: SortField[];
  filters: FilterSpec[];
  /** path params and how to obtain them */
  params: Record<string, ParamSource>;
  /** required query params with a valid example value ({ query: 'sofa' } for /search) */
  requiredQuery: Record<string, string>;
  /** accepts `locale` (FLT-06) */
  locale: boolean;
  /** has a JSON request body */
  hasBody: boolean;
  /** clause ids this operation is subject to (x-clauses), beyond the families implied by paged/auth */
  clauses: string[];
  responses: ResponseSpec[];
}

export interface ContractPack {
  name: string;
  dir: string; // absolute path of schemas/<pack>
  conventions: PackConventions;
  clauses: Clause[];
  operations: Operation[];
  byId(operationId: string): Operation;
  /** match a concrete request to its operation ('GET', '/products/p-1?limit=2' -> getProduct) */
  match(method: string, pathWithQuery: string): Operation | undefined;
  /** the parsed OpenAPI document, for the validator */
  openapi: Record<string, unknown>;
}
