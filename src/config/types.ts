// The resolved configuration every command works from: flags > environment variables >
// storefront-check.config.json, merged and validated once at the edge (src/config/index.ts).

/** a name of the pack's environments table or of the user's environments file ('staging') */
export type EnvName = string;

export interface ResolvedTarget {
  /** 'embedded' when no --env/--base-url was given: the CLI boots the reference server */
  env: EnvName | 'custom' | 'embedded';
  /** absolute base URL without trailing slash; undefined when embedded (known once the server is up) */
  baseUrl?: string;
  /** ENV-02: true for the production environment, any base URL on its host, or a declared production host */
  production: boolean;
}

export interface Credentials {
  email: string;
  password: string;
}

/** Secrets: never printed, logged or written to a report (src/http/redact.ts masks them). */
export interface Secrets {
  customer?: Credentials;
  customer2?: Credentials;
  recaptchaToken?: string;
  serviceToken?: string;
  expiredToken?: string;
}

export interface ResolvedConfig {
  /** a built-in pack's name ('storefront-bff') or the absolute folder of a pack given as a path */
  pack: string;
  /** the user's environments file (--environments), merged over the pack's table */
  environmentsFile?: string;
  target: ResolvedTarget;
  secrets: Secrets;
  apiVersion: string; // STOREFRONT_API_VERSION, default 'v1.0'
  timeoutMs: number; // total deadline of one request, default 10000
  /** a response body past this many bytes is cut and reported with its size (--max-body, default 10 MB) */
  maxBodyBytes: number;
  concurrency: number; // checks in flight at once (--concurrency), default 16
  readOnly: boolean;
  /** the whole run's deadline (--deadline): past it the run stops like an interrupt and exits 1 */
  deadlineMs?: number;
  rateLimitProbe: { maxRequests: number; maxSeconds: number }; // default 300 / 10
  /** a discount code the target accepts, for the cart and order checks (STOREFRONT_DISCOUNT_CODE) */
  discountCode?: string;
  /** more codes the target accepts, each judged on the run's own cart (STOREFRONT_DISCOUNT_CODES, comma-separated) */
  discountCodes?: string[];
  /** SHIPPED/DELIVERED orders of the test customer a refused-cancel check may try (STOREFRONT_SHIPPED_ORDERS, comma-separated) */
  shippedOrders?: string[];
  /** v2: the OTP a test payment accepts (STOREFRONT_OTP_CODE); checks needing it skip without it */
  otpCode?: string;
  /** v2: a Luhn-valid test card number (STOREFRONT_TEST_CARD, default 4111 1111 1111 1111) */
  testCard: string;
  /** the config file that was read, if any */
  configFile?: string;
}
