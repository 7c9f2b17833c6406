// The error envelope (ERR-01..04): `{ status, message, code?, type?, errors? }`, the ApiError
// handlers throw, and the `type` that fits each status (ERR-03).

export interface FieldError {
  field?: string;
  code: string;
  message: string;
}

export interface ErrorEnvelope {
  status: number | string;
  message: string;
  code?: string;
  type?: string;
  errors?: FieldError[];
}

/** Thrown by handlers and helpers; the route wrapper turns it into the envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly errors?: FieldError[],
    /** extra response headers (Allow, Retry-After) */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function typeForStatus(status: number): string {
  if (status === 401 || status === 403) return 'auth_error';
  if (status === 404) return 'not_found_error';
  if (status === 409) return 'conflict_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  return 'validation_error';
}

export const notFound = (what: string): ApiError => new ApiError(404, `${what} not found`, 'NOT_FOUND');

export const conflict = (message: string, code = 'CONFLICT'): ApiError => new ApiError(409, message, code);

export const validation = (errors: FieldError[]): ApiError =>
  new ApiError(422, 'Validation error', 'VALIDATION_ERROR', errors);

