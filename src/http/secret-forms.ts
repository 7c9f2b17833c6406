// Every spelling a secret can take on its way into a file, so redaction cannot be escaped by an
// encoding: raw, URL-encoded (%XX and form '+'), base64 (both alphabets, and the part of it that
// is fixed whatever bytes surround the secret inside a larger base64 string, e.g. Basic auth),
// each of these again JSON-escaped, XML/HTML-escaped and script-safe-JSON-escaped, up to three
// layers deep (a JSON body inside results.json inside report.html). redactOutput (redact.ts)
// and the Redactor both match these forms.

/** Shorter secrets are not substring-redacted: they would mangle unrelated text. */
export const MIN_SECRET_LENGTH = 6;
/** A base64 fragment shorter than this says too little to be matched on its own. */
const MIN_FRAGMENT = 8;

const json = (s: string) => JSON.stringify(s).slice(1, -1);
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const xmlApos = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
// report.html injects its model as JSON with <, >, & and the line separators \u-escaped
const script = (s: string) =>
  s.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
const ESCAPES = [json, xml, xmlApos, script];

/** The base64 text of `secret` that does not depend on what surrounds it, at each of the 3 byte offsets. */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out: string[] = [];
  for (const alphabet of ['base64', 'base64url'] as const) {
    out.push(bytes.toString(alphabet));
    for (let offset = 0; offset < 3; offset++) {
      const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString(alphabet).replace(/=+$/, '');
      // the first group mixes in the bytes before the secret (offset > 0), a partial last group the bytes after it
      const rest = (offset + bytes.length) % 3;
      const fixed = encoded.slice(offset ? 4 : 0, encoded.length - (rest ? rest + 1 : 0));
      if (fixed.length >= MIN_FRAGMENT) out.push(fixed);
    }
  }
  return out;
}

/**
 * Forms already computed, by secret: write-time redaction asks for the same few secrets' forms for
 * every string of the results (tens of thousands of times in a full run). A run knows a handful of
 * secrets; the cap only guards a library user feeding it unbounded values.
 */
const computed = new Map<string, readonly string[]>();
const MAX_CACHED = 1000;

/** Every form of one secret, longest first (so a form containing another is replaced whole). */
export function secretForms(secret: string): readonly string[] {
  if (!secret || secret.length < MIN_SECRET_LENGTH) return [];
  let forms = computed.get(secret);
  if (!forms) {
    if (computed.size >= MAX_CACHED) computed.clear();
    computed.set(secret, (forms = Object.freeze(formsOf(secret))));
  }
  return forms;
}

function formsOf(secret: string): string[] {
  const base = new Set<string>([
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ x: secret }).toString().slice(2),
    ...base64Forms(secret),
  ]);
  const all = new Set<string>(base);
  let layer = [...base];
  for (let depth = 0; depth < 3; depth++) {
    const next: string[] = [];
    for (const form of layer) {
      for (const escape of ESCAPES) {
        const escaped = escape(form);
        if (!all.has(escaped)) {
          all.add(escaped);
          next.push(escaped);
        }
      }
    }
    layer = next;
  }
  return [...all].sort((a, b) => b.length - a.length);
}
