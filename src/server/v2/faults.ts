// The v2 fault catalogue: each id switches on ONE deliberate, local violation of a CONTRACT-v2
// MUST clause in the v2 reference server (`serve --pack storefront-v2 --fault <id>`). Ids are a
// typed union, so `faults.has('v2-typo')` does not compile. Pure data and a validator: the CLI
// imports this file without loading fastify.

export const V2_FAULTS = [
  // V2-HDR
  { id: 'v2-hdr-content-type-text-layouts', clause: 'V2-HDR-01', title: 'GET /content/layouts/{pageKey} sends its JSON body as text/plain' },
  { id: 'v2-hdr-no-415-addresses', clause: 'V2-HDR-01', title: 'POST /customers/me/addresses parses a text/plain body instead of answering 415' },
  { id: 'v2-hdr-region-echo-as-sent', clause: 'V2-HDR-02', title: 'X-Region echoes the region code as sent (lower case stays lower case)' },
  { id: 'v2-hdr-language-from-other-region', clause: 'V2-HDR-02', title: "a language of another region is used (de-DE under GB)" },
  { id: 'v2-hdr-no-primary-subtag-match', clause: 'V2-HDR-02', title: 'Accept-Language en-US under DE gives de-DE instead of en-GB (no primary-subtag match)' },
  { id: 'v2-hdr-region-case-sensitive', clause: 'V2-HDR-03', title: 'a lower-case X-Region (de) gives 400 UNSUPPORTED_REGION' },
  { id: 'v2-hdr-unknown-region-default', clause: 'V2-HDR-03', title: 'an unknown X-Region silently falls back to the default region (200)' },
  { id: 'v2-hdr-product-detail-default-currency', clause: 'V2-HDR-04', title: "GET /catalog/products/{id} is priced in the default region's currency whatever X-Region says" },
  { id: 'v2-hdr-order-currency-of-reader', clause: 'V2-HDR-04', title: "GET /orders/{id} labels the order with the reader's region currency (amounts unchanged)" },
  { id: 'v2-hdr-content-language-default-product', clause: 'V2-HDR-05', title: "GET /catalog/products/{id} answers Content-Language of the region's default, not the language used" },
  // V2-ERR
  { id: 'v2-err-404-no-message-product', clause: 'V2-ERR-01', title: 'GET /catalog/products/{unknown} answers an envelope without `message`' },
  { id: 'v2-err-code-camel-case-register', clause: 'V2-ERR-01', title: 'a taken email answers errorCode "emailAlreadyRegistered"' },
  { id: 'v2-err-401-code-forbidden', clause: 'V2-ERR-02', title: 'a missing token gives 401 with errorCode FORBIDDEN' },
  { id: 'v2-err-422-code-bad-request', clause: 'V2-ERR-02', title: 'a short password on register gives 422 with errorCode BAD_REQUEST' },
  { id: 'v2-err-no-details-addresses', clause: 'V2-ERR-03', title: '422 VALIDATION_FAILED on POST /customers/me/addresses carries no details' },
  { id: 'v2-err-field-not-path-guest', clause: 'V2-ERR-03', title: 'a bad guest shippingAddress.postalCode is reported as field "postalCode"' },
  { id: 'v2-err-card-rules-400', clause: 'V2-ERR-03', title: 'a well-formed card body that breaks the rules gives 400 instead of 422' },
  { id: 'v2-err-unknown-category-400', clause: 'V2-ERR-04', title: 'GET /catalog/categories/{unknown} gives 400 instead of 404' },
  { id: 'v2-err-malformed-json-500-basket-items', clause: 'V2-ERR-04', title: 'malformed JSON on POST /baskets/{id}/items gives 500' },
  { id: 'v2-err-code-translated', clause: 'V2-ERR-05', title: 'under Accept-Language de-DE, NOT_FOUND becomes NICHT_GEFUNDEN' },
  { id: 'v2-err-empty-basket-order-400', clause: 'V2-ERR-03', title: 'an order of an empty basket answers 400 VALIDATION_FAILED naming basketId where row 31 documents 409 or 422' },
  // V2-FMT
  { id: 'v2-fmt-order-timestamp-millis', clause: 'V2-FMT-01', title: 'orders carry createdAt/updatedAt with milliseconds' },
  { id: 'v2-fmt-news-offset', clause: 'V2-FMT-01', title: 'news publishedAt ends in +00:00 instead of Z' },
  { id: 'v2-fmt-line-total-float', clause: 'V2-FMT-02', title: 'lineTotal is unitPrice × quantity in floating point (44.849999999999994: more than the minor-unit digits)' },
  { id: 'v2-fmt-jpy-two-decimals', clause: 'V2-FMT-02', title: 'JPY catalogue prices carry two decimals' },
  { id: 'v2-fmt-purchase-amount-string', clause: 'V2-FMT-02', title: 'purchase amounts are strings ("12.50")' },
  { id: 'v2-fmt-register-version-zero', clause: 'V2-FMT-03', title: 'a newly registered customer has version 0' },
  // V2-PAG
  { id: 'v2-pag-default-size-20', clause: 'V2-PAG-01', title: 'GET /catalog/products without parameters pages by 20' },
  { id: 'v2-pag-total-pages-floor', clause: 'V2-PAG-02', title: 'GET /content/news computes totalPages with floor instead of ceil' },
  { id: 'v2-pag-size-not-capped', clause: 'V2-PAG-03', title: 'GET /catalog/products honours pageSize > 100' },
  { id: 'v2-pag-beyond-last-404', clause: 'V2-PAG-04', title: 'GET /catalog/products/{id}/comments with page > totalPages gives 404' },
  { id: 'v2-pag-duplicate-across-pages', clause: 'V2-PAG-05', title: 'GET /catalog/products pages after the first start one item early' },
  // V2-SRT
  { id: 'v2-srt-price-as-text', clause: 'V2-SRT-01', title: 'price_asc/price_desc compare prices as text ("129" < "49")' },
  { id: 'v2-srt-name-code-point', clause: 'V2-SRT-01', title: 'name_asc compares code points instead of Intl.Collator (É after Z)' },
  { id: 'v2-srt-sorted-per-page', clause: 'V2-SRT-01', title: 'GET /catalog/products sorts each page on its own, after paging' },
  { id: 'v2-srt-unknown-key-ignored', clause: 'V2-SRT-02', title: 'GET /catalog/products ignores an unlisted sort key (200)' },
  { id: 'v2-srt-random-ties', clause: 'V2-SRT-02', title: 'GET /catalog/products breaks sort ties randomly' },
  // V2-FLT
  { id: 'v2-flt-category-no-descendants', clause: 'V2-FLT-01', title: 'categoryId matches the category only, not its descendants' },
  { id: 'v2-flt-max-price-exclusive', clause: 'V2-FLT-01', title: 'maxPrice excludes products priced exactly at it' },
  { id: 'v2-flt-total-unfiltered-brand', clause: 'V2-FLT-01', title: 'a brand-filtered product list reports the unfiltered totalItems' },
  { id: 'v2-flt-q-accent-sensitive', clause: 'V2-FLT-02', title: 'q compares without removing accents ("cafe" misses "Café")' },
  { id: 'v2-flt-q-any-word', clause: 'V2-FLT-02', title: 'q matches products containing any word of q, not every word' },
  { id: 'v2-flt-bad-price-ignored', clause: 'V2-FLT-03', title: 'a non-numeric minPrice is ignored (200)' },
  { id: 'v2-flt-empty-sort-400', clause: 'V2-FLT-03', title: 'an empty sort= gives 400 INVALID_SORT instead of counting as absent' },
  // V2-AUTH
  { id: 'v2-auth-expires-in-string', clause: 'V2-AUTH-01', title: 'login answers expiresIn as a string' },
  { id: 'v2-auth-unknown-email-distinct', clause: 'V2-AUTH-02', title: 'an unknown email gets a different message than a wrong password' },
  { id: 'v2-auth-tickets-anonymous', clause: 'V2-AUTH-03', title: "GET /customers/me/store-tickets answers without a token (the first customer's)" },
  { id: 'v2-auth-sliders-require-token', clause: 'V2-AUTH-03', title: 'GET /content/sliders answers 401 without a token' },
  { id: 'v2-auth-bearer-only', clause: 'V2-AUTH-04', title: 'the raw token is rejected; only "Bearer <token>" is accepted' },
  { id: 'v2-auth-expired-accepted', clause: 'V2-AUTH-04', title: 'an expired token is accepted' },
  { id: 'v2-auth-signature-not-verified', clause: 'V2-AUTH-04', title: 'a token with a tampered signature is accepted' },
  { id: 'v2-auth-refresh-reusable', clause: 'V2-AUTH-05', title: 'a refresh token works a second time (no rotation)' },
  { id: 'v2-auth-foreign-payment-readable', clause: 'V2-AUTH-06', title: "GET /payments/{id} returns another customer's payment" },
  { id: 'v2-auth-foreign-address-delete', clause: 'V2-AUTH-06', title: "DELETE /customers/me/addresses/{id} deletes another customer's address" },
  { id: 'v2-auth-token-in-401-message', clause: 'V2-AUTH-07', title: 'a rejected token is quoted in the 401 message' },
  { id: 'v2-auth-password-in-register', clause: 'V2-AUTH-07', title: 'POST /customers/register answers the customer with its password' },
  // V2-IDM
  { id: 'v2-idm-order-repeat-duplicates', clause: 'V2-IDM-01', title: 'a repeated POST /orders with the same clientReference creates a second order' },
  { id: 'v2-idm-conflict-ignored-purchases', clause: 'V2-IDM-02', title: 'a reused clientReference with another body on POST /purchases returns the first purchase' },
  { id: 'v2-idm-reference-optional-payments', clause: 'V2-IDM-03', title: 'POST /payments without clientReference is accepted' },
  { id: 'v2-idm-put-me-bumps-version', clause: 'V2-IDM-04', title: 'an identical PUT /customers/me increments version each time' },
  { id: 'v2-idm-cancel-shipped', clause: 'V2-IDM-04', title: 'a SHIPPED or DELIVERED order can be cancelled' },
  { id: 'v2-idm-reference-global', clause: 'V2-IDM-05', title: "another customer's clientReference on POST /orders returns the first customer's order" },
  // V2-BSK
  { id: 'v2-bsk-line-total-ignores-quantity', clause: 'V2-BSK-01', title: 'a line of quantity > 1 has lineTotal = unitPrice (subtotal sums those)' },
  { id: 'v2-bsk-total-without-shipping', clause: 'V2-BSK-01', title: 'basket total leaves out shippingTotal' },
  { id: 'v2-bsk-order-drops-discount', clause: 'V2-BSK-02', title: "an order placed from a discounted basket ignores the basket's discount" },
  { id: 'v2-bsk-payment-amount-subtotal', clause: 'V2-BSK-02', title: "a payment's amount is its order's subtotal, not its total" },
  { id: 'v2-bsk-merged-quantity-unbounded', clause: 'V2-BSK-03', title: 'adding a product already in the basket may take its line over 99' },
  { id: 'v2-bsk-unknown-code-ignored', clause: 'V2-BSK-03', title: 'an unknown discount code is accepted without a discount (200)' },
  // V2-PAY
  { id: 'v2-pay-otp-flag-string', clause: 'V2-PAY-01', title: 'GET /payments/methods gives requiresOtp as the string "true" on the methods that need an OTP' },
  { id: 'v2-pay-card-number-echoed', clause: 'V2-PAY-02', title: 'POST /customers/me/cards answers with the full cardNumber' },
  { id: 'v2-pay-otp-never-fails', clause: 'V2-PAY-03', title: 'the third wrong OTP leaves the payment PENDING_OTP' },
  { id: 'v2-pay-otp-after-authorized-200', clause: 'V2-PAY-03', title: 'an OTP sent to an AUTHORIZED payment answers 200' },
  { id: 'v2-pay-cancel-failed', clause: 'V2-PAY-04', title: 'a FAILED payment can be cancelled' },
  // V2-VER
  { id: 'v2-ver-missing-on-404', clause: 'V2-VER-01', title: 'X-Api-Version is missing on 404 responses' },
] as const satisfies ReadonlyArray<{ id: `v2-${string}`; clause: `V2-${string}`; title: string }>;

export type V2FaultId = (typeof V2_FAULTS)[number]['id'];
export type V2FaultInfo = (typeof V2_FAULTS)[number];

/** The faults switched on for one v2 server; `has` only takes a catalogue id. */
export interface V2FaultSet {
  has(id: V2FaultId): boolean;
  readonly size: number;
}

const IDS: ReadonlySet<string> = new Set(V2_FAULTS.map((f) => f.id));

export const isV2FaultId = (id: string): id is V2FaultId => IDS.has(id);

/** Validate fault ids; throws a one-line Error naming near ids. */
export function resolveV2Faults(ids: readonly string[] | undefined): V2FaultSet {
  const out = new Set<V2FaultId>();
  for (const id of ids ?? []) {
    if (!isV2FaultId(id)) {
      const family = id.split('-').slice(0, 2).join('-');
      const near = V2_FAULTS.filter((f) => f.id.startsWith(`${family}-`)).map((f) => f.id).slice(0, 4);
      const hint = near.length ? ` (${family} faults include ${near.join(', ')})` : '';
      throw new Error(`unknown v2 fault '${id}'${hint}: list them all with \`storefront-check serve --pack storefront-v2 --list-faults\``);
    }
    out.add(id);
  }
  return out;
}
