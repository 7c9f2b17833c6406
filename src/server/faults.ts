// The fault catalogue: each id switches on ONE deliberate, local contract violation in the
// reference server (`serve --fault <id>`), the way real bugs look. The suite must catch each one.
// Pure data and a validator: the CLI imports this file without loading fastify.

export interface FaultInfo {
  id: string;
  clause: string;
  title: string;
  /**
   * Families or clauses whose requests show the fault, when the clause's own checks never send
   * them (a fault on other families' traffic, caught by the run-wide judges); default: none.
   */
  traffic?: readonly string[];
}

export const FAULTS = [
  // HDR
  { id: 'hdr-content-type-text-category', clause: 'HDR-01', title: 'GET /categories/{id} sends its JSON body as text/plain' },
  { id: 'hdr-no-415-addresses', clause: 'HDR-02', title: 'POST /customers/me/addresses parses a non-JSON Content-Type instead of answering 415' },
  { id: 'hdr-no-415-login', clause: 'HDR-02', title: 'POST /auth/login with a body but no Content-Type gets 422/401 instead of 415' },
  { id: 'hdr-version-missing-on-404', clause: 'HDR-03', title: 'X-Api-Version is missing on 404 responses only' },
  { id: 'hdr-version-not-echoed', clause: 'HDR-03', title: 'X-Api-Version answers v1.0 whatever version the request sent' },
  { id: 'hdr-correlation-id-lowercased', clause: 'HDR-04', title: 'Correlation-Id is echoed lower-cased (visible with any upper-case letter)' },
  { id: 'hdr-correlation-id-dropped-on-post', clause: 'HDR-04', title: 'POST requests get a fresh Correlation-Id instead of the one sent' },
  { id: 'hdr-correlation-id-not-uuid', clause: 'HDR-05', title: 'a generated Correlation-Id is a counter (req-17), not a UUID' },
  { id: 'hdr-204-with-body', clause: 'HDR-06', title: 'DELETE /customers/me/addresses/{id} answers 204 declaring a 2-byte JSON body' },
  { id: 'hdr-204-body-bytes-cart', clause: 'HDR-06', title: 'DELETE /carts/{id} answers 204 and then sends body bytes on the wire' },
  { id: 'hdr-delete-cart-200', clause: 'HDR-06', title: 'DELETE /carts/{id} answers 200 with the deleted cart instead of 204' },
  { id: 'hdr-version-missing-on-writes', clause: 'HDR-03', title: 'answers to POST/PUT/PATCH/DELETE carry no X-Api-Version (reads do)', traffic: ['CART'] },
  { id: 'hdr-correlation-dropped-on-422', clause: 'HDR-04', title: 'a 422 answer carries a fresh Correlation-Id instead of the one the request sent', traffic: ['ERR-04'] },
  { id: 'hdr-text-content-type-on-201', clause: 'HDR-01', title: 'a 201 Created answers its JSON body as text/plain', traffic: ['CART'] },
  { id: 'hdr-correlation-not-generated-on-writes', clause: 'HDR-05', title: 'a write to a customer endpoint sent without Correlation-Id gets none back (login generates one)', traffic: ['HDR-02'] },
  { id: 'hdr-correlation-not-uuid-on-404', clause: 'HDR-05', title: 'a 404 to a request without Correlation-Id carries a counter (req-17), not a UUID', traffic: ['ERR-05'] },
  // ERR
  { id: 'err-status-string-422', clause: 'ERR-01', title: 'in 422 envelopes only, `status` is the string "422"' },
  { id: 'err-status-mismatch-409', clause: 'ERR-01', title: '409 responses carry status 400 in the envelope' },
  { id: 'err-empty-message-product-404', clause: 'ERR-01', title: 'GET /products/{unknown} answers an envelope with an empty message' },
  { id: 'err-every-third-404-empty-message', clause: 'ERR-01', title: 'every third 404 answer of the server carries an empty message (an intermittent bug)' },
  { id: 'err-code-camel-case-login', clause: 'ERR-02', title: 'failed logins carry code "invalidCredentials" (not UPPER_SNAKE_CASE)' },
  { id: 'err-type-mismatch-404', clause: 'ERR-03', title: '404 envelopes carry type "api_error" instead of "not_found_error"' },
  { id: 'err-422-no-field-postcode', clause: 'ERR-04', title: 'a bad AU postcode gives 422 whose errors entry has no `field`' },
  { id: 'err-422-empty-errors-quantity', clause: 'ERR-04', title: 'quantity < 1 on a line item gives 422 with an empty `errors` array' },
  { id: 'err-unknown-category-400', clause: 'ERR-05', title: 'an unknown category id gives 400 instead of 404' },
  { id: 'err-unknown-route-200', clause: 'ERR-05', title: 'an unknown GET route answers 200 {} instead of 404' },
  { id: 'err-malformed-json-500-cart-update', clause: 'ERR-06', title: 'malformed JSON on PUT /carts/{id} gives 500' },
  { id: 'err-malformed-json-422-login', clause: 'ERR-06', title: 'malformed JSON on POST /auth/login gives 422 instead of 400' },
  { id: 'err-500-order-sort-status', clause: 'ERR-07', title: 'GET /orders?sort=status:... crashes with 500' },
  { id: 'err-crash-503-order-sort-status', clause: 'ERR-07', title: 'GET /orders?sort=status:... crashes, answered 503 {"error": "Service Unavailable"} as if a downstream were out' },
  { id: 'err-400-where-422-first-name', clause: 'ERR-04', title: 'PUT /customers/me with an empty firstName answers 400 (same errors entry) where row 29 documents 422' },
  { id: 'err-unknown-discount-wrong-field', clause: 'ERR-04', title: 'an unknown discount code gives 422 whose errors entry names field `code`, not `discountCode`' },
  { id: 'err-cancel-other-status-400', clause: 'ERR-04', title: 'PUT /orders/{id} with a status other than CANCELLED answers 400 where row 26 documents 422' },
  { id: 'err-line-item-quantity-400', clause: 'ERR-04', title: 'PUT /carts/{id}/line-items/{id} with quantity < 1 answers 400 OUT_OF_RANGE where row 19 documents 422' },
  { id: 'err-500-collections-limit-1', clause: 'ERR-07', title: 'GET /collections?limit=1 crashes with 500 (the one-item page the {collectionId} source asks for)' },
  { id: 'err-500-line-item-update', clause: 'ERR-07', title: 'PUT /carts/{id}/line-items/{lineItemId} crashes with 500 (a write path no ERR check sends)', traffic: ['CART'] },
  // FMT
  { id: 'fmt-float-cent-amount-variants', clause: 'FMT-01', title: 'variant prices carry centAmount in dollars as a float (19.99)' },
  { id: 'fmt-nzd-fraction-digits-3', clause: 'FMT-01', title: 'NZD money (product prices[], NZD carts) says fractionDigits 3' },
  { id: 'fmt-order-timestamps-offset', clause: 'FMT-02', title: 'orders show createdAt/lastModifiedAt with a +10:00 offset' },
  { id: 'fmt-category-name-plain-string', clause: 'FMT-03', title: 'category names are plain strings, not LocalizedString' },
  { id: 'fmt-cart-version-zero', clause: 'FMT-04', title: 'a new cart has version 0' },
  { id: 'fmt-numeric-media-ids', clause: 'FMT-04', title: 'media ids are numbers' },
  { id: 'fmt-customer-modified-before-created', clause: 'FMT-04', title: 'the customer profile has lastModifiedAt before createdAt' },
  { id: 'fmt-fraction-digits-cart-put', clause: 'FMT-01', title: 'cart answers to PUT (discount code, line item quantity) say fractionDigits 3 on each unitPrice; GET does not', traffic: ['CART'] },
  // PAG
  { id: 'pag-default-limit-25', clause: 'PAG-01', title: 'GET /products without parameters pages by 25' },
  { id: 'pag-count-mismatch-last-page', clause: 'PAG-02', title: 'on the last page of /products, count says limit, not results.length' },
  { id: 'pag-short-page-products', clause: 'PAG-03', title: 'non-last pages of /products hold limit-1 items' },
  { id: 'pag-limit-not-capped', clause: 'PAG-04', title: 'GET /products honours limit > 100' },
  { id: 'pag-negative-offset-echoed', clause: 'PAG-05', title: 'GET /categories accepts offset=-1 and echoes it' },
  { id: 'pag-offset-beyond-total-404', clause: 'PAG-06', title: 'GET /products with offset >= total answers 404' },
  { id: 'pag-duplicate-across-pages', clause: 'PAG-07', title: 'GET /products pages after the first start one item early (duplicate at each boundary)' },
  { id: 'pag-total-varies', clause: 'PAG-07', title: 'GET /collections reports total+1 on pages after the first' },
  { id: 'pag-limit-echo-default-orders', clause: 'PAG-08', title: 'GET /orders always echoes limit 20, whatever it applied' },
  { id: 'pag-page-3-duplicate', clause: 'PAG-07', title: 'GET /products page 3 (offset = 2 × limit) starts one item early: it repeats the last item of page 2 and skips one' },
  // SRT
  { id: 'srt-price-desc-ignored', clause: 'SRT-01', title: 'GET /products?sort=price:desc sorts ascending' },
  { id: 'srt-total-amount-as-string', clause: 'SRT-01', title: 'GET /orders sorts totalAmount as text ("10000" < "9000")' },
  { id: 'srt-secondary-sort-ignored', clause: 'SRT-02', title: 'GET /products ignores every sort parameter after the first' },
  { id: 'srt-sorted-per-page', clause: 'SRT-03', title: 'GET /products sorts each page on its own, after paging' },
  { id: 'srt-unknown-field-ignored', clause: 'SRT-04', title: 'GET /products ignores an unsupported sort field (200)' },
  { id: 'srt-unknown-field-wrong-code', clause: 'SRT-04', title: 'GET /categories answers an unsupported sort field with code INVALID_SORT' },
  { id: 'srt-bad-direction-as-asc', clause: 'SRT-05', title: 'a direction like name:up sorts ascending instead of 400' },
  { id: 'srt-sorted-empty', clause: 'SRT-01', title: 'GET /products with any sort answers an empty list (total 0)' },
  { id: 'srt-random-ties', clause: 'SRT-06', title: 'GET /products breaks sort ties randomly' },
  // FLT
  { id: 'flt-instock-ignored-variants', clause: 'FLT-01', title: 'GET /products/{id}/variants ignores inStock' },
  { id: 'flt-category-includes-descendants', clause: 'FLT-01', title: 'category=<slug> also matches products of its sub-categories' },
  { id: 'flt-max-price-exclusive', clause: 'FLT-01', title: 'maxPrice excludes products priced exactly at it' },
  { id: 'flt-gte-as-gt-price', clause: 'FLT-02', title: 'filter[price[gte]] acts as gt (price only)' },
  { id: 'flt-ne-as-eq-order-status', clause: 'FLT-02', title: 'filter[status[ne]] on orders acts as eq' },
  { id: 'flt-or-instead-of-and', clause: 'FLT-03', title: 'several filters on /products combine with OR' },
  { id: 'flt-and-empty', clause: 'FLT-03', title: 'GET /products with two or more filters answers an empty list (total 0)' },
  { id: 'flt-total-unfiltered', clause: 'FLT-04', title: 'a filtered /products list reports the unfiltered total' },
  { id: 'flt-bad-number-ignored', clause: 'FLT-05', title: 'a non-numeric filter[price[...]] is ignored (200)' },
  { id: 'flt-error-field-normalised', clause: 'FLT-05', title: 'INVALID_FILTER errors name the field ("price"), not the parameter as sent' },
  { id: 'flt-bogus-status-empty', clause: 'FLT-05', title: 'status=bogus on /products gives 200 with no results' },
  { id: 'flt-bad-locale-accepted', clause: 'FLT-06', title: 'a malformed locale on /content falls back to en-AU instead of 400' },
  // AUTH
  { id: 'auth-token-type-lowercase', clause: 'AUTH-01', title: 'login answers tokenType "bearer"' },
  { id: 'auth-unknown-email-distinct', clause: 'AUTH-02', title: 'an unknown email gets a different message than a wrong password' },
  { id: 'auth-missing-recaptcha-accepted', clause: 'AUTH-03', title: 'login without gRecaptchaResponse succeeds' },
  { id: 'auth-bad-email-format-401', clause: 'AUTH-03', title: 'a malformed email gives 401 instead of 422 INVALID_FORMAT' },
  { id: 'auth-missing-check-preferences', clause: 'AUTH-04', title: 'GET /customers/me/preferences answers without a token' },
  { id: 'auth-missing-check-writes', clause: 'AUTH-04', title: "PUT /orders/{id} and PUT/DELETE /customers/me/addresses/{id} without a token act as the first customer" },
  { id: 'auth-signature-not-verified', clause: 'AUTH-05', title: 'a token with a tampered signature is accepted' },
  { id: 'auth-expired-accepted', clause: 'AUTH-05', title: 'an expired token is accepted' },
  { id: 'auth-refreshed-token-rejected', clause: 'AUTH-06', title: 'a token from POST /auth/token is rejected by customer endpoints' },
  { id: 'auth-logout-not-revoking', clause: 'AUTH-07', title: 'the token keeps working after logout' },
  { id: 'auth-foreign-address-update', clause: 'AUTH-08', title: "PUT /customers/me/addresses/{id} changes another customer's address" },
  { id: 'auth-foreign-order-readable', clause: 'AUTH-08', title: "GET /orders/{id} returns another customer's order" },
  { id: 'auth-pii-in-product', clause: 'AUTH-09', title: "product detail carries the merchandiser's emailAddress" },
  { id: 'auth-content-requires-token', clause: 'AUTH-09', title: 'GET /content answers 401 without a token' },
  { id: 'auth-internal-open-to-customer', clause: 'AUTH-10', title: 'a customer X-BFF-Token opens /internal/status' },
  // IDM
  { id: 'idm-get-cart-bumps-version', clause: 'IDM-01', title: 'GET /carts/{id} increments the cart version' },
  { id: 'idm-put-me-bumps-version', clause: 'IDM-02', title: 'an identical PUT /customers/me increments version each time' },
  { id: 'idm-second-delete-409', clause: 'IDM-03', title: 'a repeated DELETE of an address answers 409' },
  { id: 'idm-confirm-twice-new-order', clause: 'IDM-04', title: 'a repeated confirm creates a second order' },
  { id: 'idm-confirm-stale-cart', clause: 'IDM-05', title: 'confirm succeeds after the cart changed since the session was created' },
  { id: 'idm-stale-version-ignored-cart', clause: 'IDM-06', title: 'PUT /carts/{id} with a stale version applies the change' },
  { id: 'idm-cancel-shipped', clause: 'IDM-07', title: 'a SHIPPED or DELIVERED order can be cancelled' },
  { id: 'idm-cancel-twice-409', clause: 'IDM-07', title: 'cancelling an already cancelled order answers 409' },
  // RL
  { id: 'rl-429-wrong-code', clause: 'RL-01', title: '429 envelopes carry code TOO_MANY_REQUESTS' },
  { id: 'rl-retry-after-fractional', clause: 'RL-02', title: 'Retry-After is a fractional number of seconds ("1.5")' },
  { id: 'rl-retry-after-too-short', clause: 'RL-03', title: 'Retry-After says 1 s but the client stays blocked for a minute' },
  // VER
  { id: 'ver-orders-serves-v1', clause: 'VER-01', title: 'GET /orders answers with the v1 representation' },
  { id: 'ver-v3-answers', clause: 'VER-02', title: 'GET /orders/v3 answers 200 like v2' },
  { id: 'ver-foreign-customer-orders', clause: 'VER-03', title: "GET /customers/{other}/orders/v1 lists the other customer's orders" },
  // CART
  { id: 'cart-total-off-by-one', clause: 'CART-01', title: 'a non-empty cart totalPrice is one cent more than subtotal - discount' },
  { id: 'cart-line-total-ignores-quantity', clause: 'CART-01', title: 'a line item totalPrice is its unitPrice whatever the quantity' },
  { id: 'cart-discount-500', clause: 'CART-01', title: 'PUT /carts/{id} with any discount code answers 500' },
  { id: 'cart-order-total-adds-shipping', clause: 'CART-02', title: 'a confirmed order totalAmount adds 995 cents shipping to the cart total' },
  { id: 'cart-order-total-ignores-discount', clause: 'CART-02', title: "a confirmed order's totalAmount ignores the cart discount" },
  { id: 'cart-subtotal-first-line', clause: 'CART-01', title: "a cart's subtotal is its first line's totalPrice (visible only with two or more lines)" },
  { id: 'cart-discount-rounding', clause: 'CART-01', title: 'with a percentage discount, totalPrice is computed from the unrounded discount: one cent off subtotal − discount when the discount is not a whole number of cents' },
] as const satisfies ReadonlyArray<FaultInfo>;

/** Every fault id: a typo in `faults.has('…')` does not compile. */
export type FaultId = (typeof FAULTS)[number]['id'];

export const FAULT_IDS: ReadonlySet<string> = new Set(FAULTS.map((f) => f.id));

export function isFaultId(id: string): id is FaultId {
  return FAULT_IDS.has(id);
}

/** The faults switched on for one server; `has` is the cheap check at each point of violation. */
export type FaultSet = ReadonlySet<FaultId>;

/** Validate fault ids; throws a one-line Error listing the valid ids. */
export function resolveFaults(ids: readonly string[] | undefined): FaultSet {
  const out = new Set<FaultId>();
  for (const id of ids ?? []) {
    if (!isFaultId(id)) {
      const family = id.split('-')[0];
      const near = FAULTS.filter((f) => f.id.startsWith(`${family}-`)).map((f) => f.id).slice(0, 4);
      const hint = near.length ? ` (${family} faults include ${near.join(', ')})` : '';
      throw new Error(`unknown fault '${id}'${hint}: list them all with \`storefront-check serve --list-faults\``);
    }
    out.add(id);
  }
  return out;
}
