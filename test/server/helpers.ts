// Test helpers: start a reference server on a free loopback port and talk to it over real HTTP.

import { afterAll, beforeAll } from 'vitest';
import { startServer } from '../../src/server/index.js';
import type { RunningServer, StartOptions } from '../../src/server/types.js';

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface ReqOptions {
  body?: unknown;
  /** send this exact string as the body (no JSON encoding) */
  raw?: string;
  /** with raw: send the bytes with no Content-Type header at all */
  noContentType?: boolean;
  headers?: Record<string, string>;
  token?: string;
}

export interface Api {
  server: RunningServer;
  req(method: string, path: string, opts?: ReqOptions): Promise<Res>;
  get(path: string, opts?: ReqOptions): Promise<Res>;
  login(index?: 0 | 1): Promise<string>;
}

/** One request over real HTTP: the body as JSON (or the raw string), the answer's JSON parsed when it parses. */
export async function sendJson(url: string, method: string, headers: Record<string, string>, o: Pick<ReqOptions, 'body' | 'raw' | 'noContentType'>): Promise<Res> {
  let body: string | Uint8Array | undefined;
  if (o.raw !== undefined) body = o.noContentType ? new TextEncoder().encode(o.raw) : o.raw;
  else if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers['content-type'] ??= 'application/json';
  }
  const r = await fetch(url, { method, headers, body });
  const text = await r.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: r.status, headers: r.headers, text, body: parsed };
}

export async function boot(opts: StartOptions = {}): Promise<Api> {
  const server = await startServer({ port: 0, ...opts });
  const req = (method: string, path: string, o: ReqOptions = {}): Promise<Res> => {
    const headers: Record<string, string> = { 'x-api-version': 'v1.0', ...o.headers };
    if (o.token) headers['x-bff-token'] = o.token;
    return sendJson(server.url + path, method, headers, o);
  };
  const api: Api = {
    server,
    req,
    get: (path, o) => req('GET', path, o),
    login: async (index = 0) => {
      const c = server.customers[index];
      const r = await req('POST', '/auth/login', { body: { emailAddress: c.email, password: c.password, gRecaptchaResponse: server.recaptchaToken } });
      if (r.status !== 200) throw new Error(`login failed: ${r.status} ${r.text}`);
      return r.body.accessToken as string;
    },
  };
  return api;
}

/** Assert-free shape check of the error envelope (ERR-01..03), returning a reason or ''. */
export function envelopeProblem(r: Res): string {
  const b = r.body;
  if (!b || typeof b !== 'object') return 'no JSON body';
  if (b.status !== r.status) return `status ${String(b.status)} != ${r.status}`;
  if (typeof b.message !== 'string' || !b.message) return 'empty message';
  if (b.code !== undefined && !/^[A-Z][A-Z0-9_]*$/.test(b.code)) return `code ${b.code}`;
  return '';
}

/**
 * One reference server per test file with the first customer signed in: started before the
 * file's tests, closed after them. `ready` receives the API and the customer's token.
 */
export function useSignedInServer(ready: (api: Api, token: string) => void, opts: StartOptions = {}): void {
  let api: Api | undefined;
  beforeAll(async () => {
    api = await boot(opts);
    ready(api, await api.login());
  });
  afterAll(() => api?.server.close());
}
