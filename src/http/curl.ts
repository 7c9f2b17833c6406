// Turns a recorded (already redacted) request into a curl line that replays it. Named redaction
// markers (<redacted:STOREFRONT_TOKEN>) become "$STOREFRONT_TOKEN", so the line works once the
// reader exports that variable; everything else is single-quoted for POSIX shells.

const MARKER = /<redacted:([A-Z0-9_]+)>/g;
/** Headers curl computes itself or that would make the replay differ for no reason. */
const SKIPPED_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive']);

function singleQuote(literal: string): string {
  return `'${literal.replace(/'/g, `'\\''`)}'`;
}

/** Shell-quote a string, splicing named redaction markers in as "$NAME" variable references. */
export function shellArg(value: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const m of value.matchAll(MARKER)) {
    if (m.index > last) parts.push(singleQuote(value.slice(last, m.index)));
    parts.push(`"$${m[1]}"`);
    last = m.index + m[0].length;
  }
  if (last < value.length || parts.length === 0) parts.push(singleQuote(value.slice(last)));
  return parts.join('');
}

export interface CurlRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export function toCurl(req: CurlRequest): string {
  const method = req.method.toUpperCase();
  const args = ['curl', '-sS', '-i'];
  if (method === 'HEAD') args.push('--head');
  else if (method !== 'GET' || req.body !== undefined) args.push('-X', method);
  args.push(shellArg(req.url));
  for (const [name, value] of Object.entries(req.headers)) {
    if (SKIPPED_HEADERS.has(name.toLowerCase())) continue;
    args.push('-H', shellArg(`${name}: ${value}`));
  }
  if (req.body !== undefined) args.push('--data-raw', shellArg(req.body));
  return args.join(' ');
}
