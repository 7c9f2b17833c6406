// Redaction of secrets in everything the tool writes down: headers, bodies and URLs of recorded
// exchanges. A redacted value becomes `<redacted:NAME>` when the secret has a name (the environment
// variable a reader would set to replay the request: STOREFRONT_TOKEN, STOREFRONT_CUSTOMER_PASSWORD…)
// or `<redacted>` when it has none; curl.ts turns the named markers into "$NAME" so a curl line
// stays replayable. Redact before truncating, so a cut never leaves half a secret.
// Secrets are matched in every form secret-forms.ts spells them (raw, escaped, encoded, base64).
// redactOutput is the last line: applied to every file the tool writes, with every secret known
// by then (tokens learned late in the run included), so nothing recorded earlier can leak.

import { MIN_SECRET_LENGTH, secretForms } from './secret-forms.js';

export interface NamedSecret {
  /** environment variable that holds the value when the request is replayed, e.g. STOREFRONT_TOKEN */
  name?: string;
  value: string;
}

export interface RedactorOptions {
  /** credential headers (the pack's auth headers): their whole value is redacted */
  authHeaders?: Array<{ header: string; scheme: 'raw' | 'bearer'; placeholder: string }>;
  /** known secret values, redacted wherever they appear as substrings */
  secrets?: NamedSecret[];
  /** JSON keys / form and query parameter names whose values are secret (case-insensitive) */
  secretKeys?: string[];
}

/** Headers that carry credentials whatever the pack says. */
const ALWAYS_SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'];
export const DEFAULT_SECRET_KEYS = ['password', 'accessToken', 'refreshToken', 'idToken', 'token', 'clientSecret', 'apiKey'];
/** A JSON Web Token anywhere (also tampered or foreign ones we were never told about). */
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

export function marker(name?: string): string {
  return name ? `<redacted:${name}>` : '<redacted>';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function replaceForms(text: string, forms: readonly string[], replacement: string): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(replacement);
  return out;
}

/**
 * Redact text about to be written (a report, a log line): every form of every secret becomes
 * [redacted:NAME] / [redacted] — plain characters, valid inside JSON, XML, HTML and Markdown.
 */
export function redactOutput(text: string, secrets: Iterable<string | NamedSecret>): string {
  const list = [...secrets]
    .map((s) => (typeof s === 'string' ? { value: s } : s))
    .filter((s) => s.value && s.value.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.value.length - a.value.length);
  let out = text;
  for (const s of list) out = replaceForms(out, secretForms(s.value), s.name ? `[redacted:${s.name}]` : '[redacted]');
  return out;
}

export class Redactor {
  private readonly authHeaders: Map<string, { scheme: 'raw' | 'bearer'; placeholder: string }>;
  private secrets: Array<NamedSecret & { forms: readonly string[] }> = [];
  private readonly keys: string[];
  private keyPattern: RegExp;
  private formPattern: RegExp;

  constructor(opts: RedactorOptions = {}) {
    this.authHeaders = new Map((opts.authHeaders ?? []).map((h) => [h.header.toLowerCase(), h]));
    this.keys = [...new Set([...DEFAULT_SECRET_KEYS, ...(opts.secretKeys ?? [])])];
    const alternatives = this.keys.map(escapeRegExp).join('|');
    // "password": "…" with JSON string escapes inside the value
    this.keyPattern = new RegExp(`("(?:${alternatives})"\\s*:\\s*)"((?:[^"\\\\]|\\\\.)*)"`, 'gi');
    // password=… in query strings and form bodies
    this.formPattern = new RegExp(`(^|[?&;])((?:${alternatives})=)([^&#\\s]*)`, 'gi');
    for (const s of opts.secrets ?? []) this.addSecret(s.value, s.name);
  }

  /** Learn a secret at run time (a token obtained by a re-login). */
  addSecret(value: string | undefined, name?: string): void {
    if (!value || value.length < MIN_SECRET_LENGTH) return;
    if (this.secrets.some((s) => s.value === value)) return;
    this.secrets.push({ value, name, forms: secretForms(value) });
    // longest first, so a secret containing another is replaced whole
    this.secrets.sort((a, b) => b.value.length - a.value.length);
  }

  /** Every secret learned so far (configured and learned at run time), for redactOutput. */
  known(): NamedSecret[] {
    return this.secrets.map(({ value, name }) => ({ value, name }));
  }

  private nameOf(value: string): string | undefined {
    return this.secrets.find((s) => s.value === value)?.name;
  }

  /** Redact free text: JSON bodies (secret keys), form/query parameters, known secrets, JWTs. */
  text(input: string): string {
    if (!input) return input;
    let out = input.replace(this.keyPattern, (_m, prefix: string, value: string) => {
      if (/^<redacted(?::[A-Z0-9_]+)?>$/.test(value)) return `${prefix}"${value}"`;
      return `${prefix}"${marker(this.nameOf(value))}"`;
    });
    out = out.replace(this.formPattern, (_m, sep: string, key: string, value: string) => {
      let decoded = value;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        /* keep raw */
      }
      return value ? `${sep}${key}${marker(this.nameOf(decoded))}` : `${sep}${key}`;
    });
    for (const s of this.secrets) out = replaceForms(out, s.forms, marker(s.name));
    return out.replace(JWT, (token) => marker(this.nameOf(token)));
  }

  /** Redact a URL (path segments and query). */
  url(input: string): string {
    return this.text(input);
  }

  /** Redact one header value, knowing its name. */
  header(name: string, value: string): string {
    const lower = name.toLowerCase();
    const auth = this.authHeaders.get(lower);
    if (auth) {
      const bearer = /^Bearer\s+/i.exec(value);
      const token = bearer ? value.slice(bearer[0].length) : value;
      const placeholder = marker(this.nameOf(token) ?? auth.placeholder);
      return bearer ? `${bearer[0]}${placeholder}` : placeholder;
    }
    if (ALWAYS_SECRET_HEADERS.includes(lower)) {
      const bearer = /^(Bearer|Basic)\s+/i.exec(value);
      if (bearer) {
        const token = value.slice(bearer[0].length);
        return `${bearer[0]}${marker(this.nameOf(token))}`;
      }
      return marker(this.nameOf(value));
    }
    return this.text(value);
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) out[k] = this.header(k, v);
    return out;
  }
}
