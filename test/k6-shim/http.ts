// Test shim for `k6/http`: synchronous requests (as in k6) through a synckit worker running undici.
// Response headers are keyed in Go's canonical form (X-Api-Version), as k6 gives them.
import { createSyncFn } from 'synckit';
import { groupPath, shimState } from './state.js';

interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
type ExpectedStatuses = { __expected: (status: number) => boolean };
interface Params {
  headers?: Record<string, string>;
  tags?: Record<string, string>;
  responseCallback?: ExpectedStatuses;
}

const fetchSync = createSyncFn<(req: { method: string; url: string; headers: Record<string, string>; body: string | null }) => Promise<WireResponse>>(
  new URL('./http-worker.mjs', import.meta.url),
);

let defaultCallback: ExpectedStatuses = expectedStatuses({ min: 200, max: 399 });

/** Go's http.CanonicalHeaderKey: x-api-version → X-Api-Version */
function canonical(name: string): string {
  return name
    .split('-')
    .map((p) => (p ? p[0].toUpperCase() + p.slice(1).toLowerCase() : p))
    .join('-');
}

export function expectedStatuses(...specs: Array<number | { min: number; max: number }>): ExpectedStatuses {
  return {
    __expected: (status: number) =>
      specs.some((s) => (typeof s === 'number' ? s === status : status >= s.min && status <= s.max)),
  };
}

export function setResponseCallback(cb: ExpectedStatuses): void {
  defaultCallback = cb;
}

export function request(method: string, url: string, body?: string | null, params: Params = {}) {
  const headers = { ...(params.headers ?? {}) };
  const wire = fetchSync({ method, url, headers, body: body ?? null });
  const resHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(wire.headers)) resHeaders[canonical(k)] = v;
  const expected = (params.responseCallback ?? defaultCallback).__expected(wire.status);
  const tags = { group: groupPath(), method, status: String(wire.status), ...(params.tags ?? {}) };
  const state = shimState();
  state.requests.push({
    method,
    url,
    name: params.tags?.name,
    tags,
    headers,
    body: body ?? null,
    status: wire.status,
    responseBody: wire.body,
    expected,
  });
  state.samples.push({ metric: 'http_req_failed', value: expected ? 0 : 1, tags });
  return {
    status: wire.status,
    body: wire.body,
    headers: resHeaders,
    url,
    error: '',
    error_code: wire.status >= 400 ? 1000 + wire.status : 0,
    request: { method, url, headers, body: body ?? '' },
    json(selector?: string) {
      if (selector) throw new Error('the k6 shim does not support json(selector)');
      return JSON.parse(wire.body);
    },
  };
}

export const get = (url: string, params?: Params) => request('GET', url, null, params);
export const head = (url: string, params?: Params) => request('HEAD', url, null, params);
export const post = (url: string, body?: string | null, params?: Params) => request('POST', url, body, params);
export const put = (url: string, body?: string | null, params?: Params) => request('PUT', url, body, params);
export const patch = (url: string, body?: string | null, params?: Params) => request('PATCH', url, body, params);
export const del = (url: string, body?: string | null, params?: Params) => request('DELETE', url, body, params);

export default { request, get, head, post, put, patch, del, expectedStatuses, setResponseCallback };
