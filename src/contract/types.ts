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
  /**
   * The check library cites the BFF's clause ids (PAG-04, ERR-01…). A pack whose clauses are
   * numbered otherwise maps them here ({ 'PAG-06': 'V2-PAG-04' }); a check whose clause, mapped,
   * is not in the pack's clauses.yaml is not part of the pack's run. Absent: the identity.
   */
  clauseMap?: Record<string, string>;
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
    /** `refreshTokenField`: the body field carrying a refresh token (v2); absent: the access token is sent as credential (BFF) */
    refresh?: { operationId: string; tokenPointer: string; refreshTokenField?: string; refreshTokenPointer?: string };
    logout?: { operationId: string };
  };
  headers: {
    apiVersion: string; // 'X-Api-Version'
    correlationId?: string; // 'Correlation-Id' (v2: none)
    defaultApiVersion: string; // 'v1.0'
    /** every response's apiVersion header matches this (v2 '^2(\\.[0-9]+)?$'); the BFF echoes the request's instead */
    apiVersionPattern?: string;
    /** the request header choosing the region (v2: 'X-Region'); echoed upper-case in the response */
    region?: string;
    /** the request header negotiating the language ('Accept-Language') and the response header naming it ('Content-Language') */
    language?: { request: string; response: string };
  };
  error: {
    /** the envelope field repeating the HTTP status (BFF 'status'; v2 has none) */
    statusField?: string; // 'status'
    messageField: string; // 'message'
    codeField: string; // 'code'
    typeField?: string; // 'type'
    errorsField: string; // 'errors'
    entry: { field: string; code: string; message: string }; // names inside an errors[] entry
    /** allowed `type` per status; key '5xx' covers all 5xx */
    typeByStatus?: Record<string, string>;
    /**
     * allowed `code` values per status (v2 V2-ERR-02); key '5xx' covers all 5xx; a value may be a
     * pattern written /…/ (/^[A-Z_]+_NOT_FOUND$/)
     */
    codesByStatus?: Record<string, string[]>;
  };
  /**
   * centPrecision: amounts are objects { centAmount, currencyCode, fractionDigits } (BFF).
   * decimal: amounts are JSON numbers in major units, named by `amountFields`, with the currency
   * in `currencyField` of the same object or of an enclosing one (v2). Checks compare amounts in
   * minor units either way (src/checks/money.ts).
   */
  money: {
    form: 'centPrecision' | 'decimal';
    amountField: string; // centPrecision: 'centAmount'; decimal: the main price field ('price')
    currencyField: string; // 'currencyCode' / 'currency'
    typeField?: string; // 'type'
    fractionDigitsField?: string; // 'fractionDigits'
    /** decimal form: the fields that hold amounts ('price', 'total'…) */
    amountFields?: string[];
  };
  /** V2-FMT-01 / FMT-02: the pattern every timestamp field matches, and which fields are timestamps */
  timestamps?: { pattern: string; fields: string[] };
  /**
   * offset style: `limit` items from item `offset` (0-based), envelope { limit, offset, count, total, results }.
   * page style: page `page` (1-based) of `pageSize` items, envelope { items, page, pageSize, totalItems, totalPages }.
   * The names are the pack's: limitParam is the page-size parameter, offsetParam the position
   * (an item offset, or a page number in page style); envelope.limit/offset echo them.
   */
  paging: {
    style: 'offset' | 'page';
    limitParam: string; // 'limit' / 'pageSize'
    offsetParam: string; // 'offset' / 'page'
    defaultLimit: number; // 20
    minLimit: number; // 1
    maxLimit: number; // 100
    envelope: { limit: string; offset: string; count?: string; total: string; results: string; pages?: string };
  };
  /**
   * field style: `sort=name:asc`, fields from each operation's x-sort, directions spelled here (BFF).
   * named style: `sort=price_asc`, each x-sort entry a named order with its field and direction (v2).
   */
  sorting: {
    style: 'field' | 'named';
    param: string; // 'sort'
    separator?: string; // ':' (field style)
    directions?: { asc: string; desc: string }; // field style
    invalidFieldCode: string; // 'INVALID_SORT_FIELD' / 'INVALID_SORT'
  };
  /** V2-IDM: the body field of creates that makes them idempotent, its pattern and the code of a reuse with another body */
  idempotency?: { field: string; pattern: string; conflictCode: string };
  filtering?: {
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

/** guest: anonymous or a customer (v2 baskets); a token that is present must be valid */
export type AuthKind = 'public' | 'customer' | 'service' | 'guest';

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
  name: string; // as written in `sort=name:asc`, or the named order ('price_asc')
  type: FieldType;
  /** named sort style: the direction the named order declares */
  direction?: 'asc' | 'desc';
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
  /** a JSON schema file of the pack by its relative $ref ('./schemas/cart.schema.json'), read once */
  schemaFile(ref: string): unknown;
}
