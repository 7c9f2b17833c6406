// A misbehaving target for tests and the benchmark: a node:http proxy on 127.0.0.1 in front of
// an upstream (usually the reference server) that records every request it receives and, per
// behaviour, forwards faithfully or misbehaves. One small API:
//   const p = await startHostileProxy({ behaviour: 'drip', upstream }); … p.url … await p.close();
// Behaviours apply to the requests `affects` selects (default: all), the rest are forwarded.

import { type IncomingMessage, type ServerResponse, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Behaviour =
  | 'pass' // forward faithfully (a recording proxy)
  | 'hang' // accept the request, never answer
  | 'drip' // 200 application/json, then one byte per dripMs, forever
  | 'huge' // 200 application/json streaming hugeBytes of a valid JSON array
  | 'html-5xx' // 502 with an HTML error page, as a gateway would
  | 'reset' // headers and half a body, then the connection is reset
  | 'redirect-off-host' // 302 to another origin (must never be followed)
  | 'echo-secrets' // forward, then echo every credential of the request in the answer, in many encodings
  | 'die'; // forward dieAfter requests, then the whole target goes away

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface HostileOptions {
  behaviour: Behaviour;
  /** base URL of the real target behind the proxy; needed by pass, echo-secrets, die (and unaffected requests) */
  upstream?: string;
  /** which requests misbehave (default all) */
  affects?: (req: RecordedRequest) => boolean;
  /** secrets to echo besides the credentials the request carried (echo-secrets) */
  secrets?: string[];
  dripMs?: number; // default 1000
  hugeBytes?: number; // default 200 MB
  hugeStatus?: number; // default 200 (a 503 tests the retry layer's held answers)
  dieAfter?: number; // default 5
  /** where redirect-off-host points (default a counting listener of its own, see offHostHits) */
  redirectTo?: string;
}

export interface HostileProxy {
  url: string;
  /** every request the proxy received, in order */
  requests: RecordedRequest[];
  /** requests that reached the off-host redirect target (must stay 0) */
  offHostHits(): number;
  close(): Promise<void>;
}

/** Every encoding a secret may be echoed in: raw, JSON-escaped, URL-encoded, base64 (both alphabets). */
export function encodings(secret: string): Record<string, string> {
  const b64 = Buffer.from(secret, 'utf8').toString('base64');
  return {
    raw: secret,
    json: JSON.stringify(secret).slice(1, -1),
    url: encodeURIComponent(secret),
    form: new URLSearchParams({ x: secret }).toString().slice(2),
    base64: b64,
    base64url: Buffer.from(secret, 'utf8').toString('base64url'),
  };
}

/** The credentials a request carried: auth headers and any string value of its JSON body. */
function credentialsOf(req: RecordedRequest): string[] {
  const out: string[] = [];
  for (const name of ['authorization', 'x-bff-token', 'cookie']) {
    const v = req.headers[name];
    if (typeof v === 'string') out.push(v.replace(/^Bearer\s+/i, ''));
  }
  try {
    const body = JSON.parse(req.body) as Record<string, unknown>;
    for (const v of Object.values(body)) if (typeof v === 'string' && v.length >= 6) out.push(v);
  } catch {
    /* not JSON */
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

type Upstream = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

function forward(upstream: string, rec: RecordedRequest): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const up = httpRequest(`${upstream.replace(/\/+$/, '')}${rec.url}`, { method: rec.method, headers: rec.headers }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: Buffer.concat(chunks) }));
      r.on('error', reject);
    });
    up.on('error', reject);
    up.end(rec.body || undefined);
  });
}

/** The answer with every credential echoed: headers x-echo-<encoding>, and an `echo` field in JSON bodies. */
function echoed(answer: Upstream, secrets: string[]): Upstream {
  const headers = { ...answer.headers };
  delete headers['content-length'];
  const echo: Record<string, string[]> = {};
  for (const secret of secrets) {
    for (const [form, value] of Object.entries(encodings(secret))) {
      (echo[form] ??= []).push(value);
      // header values cannot carry every character; the raw form rides in the body
      if (/^[\x21-\x7e ]*$/.test(value)) headers[`x-echo-${form}`] = [...((headers[`x-echo-${form}`] as string[]) ?? []), value];
    }
  }
  let body = answer.body;
  const type = String(headers['content-type'] ?? '');
  if (type.includes('json')) {
    try {
      const parsed = JSON.parse(body.toString('utf8') || 'null') as unknown;
      const wrapped = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? { ...parsed, echo } : { value: parsed, echo };
      body = Buffer.from(JSON.stringify(wrapped));
    } catch {
      /* leave it */
    }
  } else {
    body = Buffer.concat([body, Buffer.from(`\n${Object.values(echo).flat().join('\n')}`)]);
  }
  return { ...answer, headers, body };
}

function streamHuge(res: ServerResponse, total: number, status: number): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  const item = Buffer.from(`{"id":"p-0000000000","name":"${'x'.repeat(200)}"},`);
  const block = Buffer.concat(Array.from({ length: 256 }, () => item));
  let sent = 0;
  res.write('[');
  const pump = () => {
    while (sent + block.length < total) {
      sent += block.length;
      if (!res.write(block)) return void res.once('drain', pump);
    }
    res.end('{"id":"last"}]');
  };
  res.on('close', () => res.removeAllListeners('drain'));
  pump();
}

export async function startHostileProxy(opts: HostileOptions): Promise<HostileProxy> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let dead = false;
  let offHost = 0;
  const sink = createServer((_req, res) => {
    offHost++;
    res.end('you followed a redirect off the host');
  });
  await new Promise<void>((ok) => sink.listen(0, '127.0.0.1', ok));
  const redirectTo = opts.redirectTo ?? `http://localhost:${(sink.address() as AddressInfo).port}/stolen`;

  const server = createServer(async (req, res) => {
    const rec: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: await readBody(req) };
    requests.push(rec);
    const affected = opts.affects?.(rec) ?? true;
    const behaviour = affected ? opts.behaviour : 'pass';
    try {
      switch (behaviour) {
        case 'hang':
          return;
        case 'drip': {
          res.writeHead(200, { 'content-type': 'application/json' });
          const t = setInterval(() => res.write(' '), opts.dripMs ?? 1000);
          timers.add(t);
          res.on('close', () => clearInterval(t));
          return;
        }
        case 'huge':
          return streamHuge(res, opts.hugeBytes ?? 200 * 1024 * 1024, opts.hugeStatus ?? 200);
        case 'html-5xx':
          res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>');
          return;
        case 'reset':
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
          res.write('{"results":[{"id":');
          setTimeout(() => req.socket.resetAndDestroy(), 20);
          return;
        case 'redirect-off-host':
          res.writeHead(302, { location: redirectTo, 'content-type': 'application/json' }).end('{"moved":true}');
          return;
        case 'die':
          if (requests.length > (opts.dieAfter ?? 5)) {
            dead = true;
            server.close();
            for (const s of sockets) s.destroy();
            return;
          }
          break;
        default:
          break;
      }
      const answer = await forward(opts.upstream!, rec);
      const out = behaviour === 'echo-secrets' ? echoed(answer, [...(opts.secrets ?? []), ...credentialsOf(rec), ...credentialsOf({ ...rec, headers: {}, body: answer.body.toString('utf8') })]) : answer;
      res.writeHead(out.status, out.headers as Record<string, string | string[]>).end(out.body);
    } catch {
      if (!res.headersSent && !dead) res.writeHead(502, { 'content-type': 'text/plain' }).end('upstream failed');
      else res.destroy();
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    offHostHits: () => offHost,
    async close() {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((ok) => (server.listening ? server.close(() => ok()) : ok())),
        new Promise<void>((ok) => sink.close(() => ok())),
      ]);
    },
  };
}
