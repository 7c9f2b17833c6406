// Reading an answer at the socket, for the few requests where the HTTP client hides bytes: undici
// (like node:http) knows a 204 and an answer to HEAD carry no body, so it never reads the bytes a
// server sends after such a head. Here the request goes out on its own connection with
// `Connection: close`, and every byte after the head is counted as body (HDR-06, IDM-01). Bounded:
// a deadline and at most MAX_BYTES read. Not a client: no retries, no redirects, no sessions.

import { connect as tcp, type Socket } from 'node:net';
import { connect as tls } from 'node:tls';

export interface RawAnswer {
  status: number;
  /** lower-cased names */
  headers: Record<string, string>;
  /** bytes the server sent after the head (its body, whatever the status says) */
  bodyBytes: number;
  /** the first of those bytes, as text */
  bodyPreview: string;
}

const MAX_BYTES = 64 * 1024;

/** Send one request to `url` at the socket and read the whole answer until the server closes. */
export function rawRequest(url: string, method: string, headers: Record<string, string>, timeoutMs: number): Promise<RawAnswer> {
  const u = new URL(url);
  const https = u.protocol === 'https:';
  const port = Number(u.port || (https ? 443 : 80));
  const lines = [`${method} ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`, 'Connection: close', 'Accept: application/json'];
  for (const [k, v] of Object.entries(headers)) if (!/^(host|connection|content-length)$/i.test(k)) lines.push(`${k}: ${v}`);
  const request = `${lines.join('\r\n')}\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const socket: Socket = https ? tls({ host: u.hostname, port, servername: u.hostname }) : tcp({ host: u.hostname, port });
    const timer = setTimeout(() => socket.destroy(new Error(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on(https ? 'secureConnect' : 'connect', () => socket.write(request));
    socket.on('data', (b: Buffer) => {
      chunks.push(b);
      size += b.length;
      if (size > MAX_BYTES) socket.destroy();
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`${method} ${u.pathname}: the connection closed before a complete head (${all.length} bytes)`));
      const [statusLine, ...headerLines] = all.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(statusLine ?? '')?.[1]);
      if (!status) return reject(new Error(`${method} ${u.pathname}: not an HTTP status line: ${JSON.stringify(statusLine)}`));
      const parsed: Record<string, string> = {};
      for (const line of headerLines) {
        const i = line.indexOf(':');
        if (i > 0) parsed[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const body = all.subarray(end + 4);
      resolve({ status, headers: parsed, bodyBytes: body.length, bodyPreview: body.subarray(0, 80).toString('utf8') });
    });
  });
}

/** What a head-only answer (204, or any answer to HEAD) broke, as a message, or undefined. */
export function headOnlyProblem(answer: RawAnswer, what: string): string | undefined {
  const declared = answer.headers['content-length'];
  const parts: string[] = [];
  // HEAD may declare the length GET would have; a 204 declares none or 0
  if (what !== 'HEAD' && declared !== undefined && declared !== '0') parts.push(`declares Content-Length: ${declared}`);
  if (answer.headers['transfer-encoding'] && what !== 'HEAD') parts.push(`declares Transfer-Encoding: ${answer.headers['transfer-encoding']}`);
  if (answer.bodyBytes > 0) parts.push(`sent ${answer.bodyBytes} body byte(s) on the wire (${JSON.stringify(answer.bodyPreview)})`);
  return parts.length ? parts.join(' and ') : undefined;
}
