// Table-driven: what redaction does to headers, bodies and URLs, and the curl lines built from
// redacted requests (replayable with $STOREFRONT_* variables).

import { describe, expect, it } from 'vitest';
import { shellArg, toCurl } from './curl.js';
import { toEvidence } from './evidence.js';
import { Redactor, redactOutput } from './redact.js';
import type { Exchange } from './types.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjLTEifQ.c2lnbmF0dXJlLXNpZ24';
const SERVICE = 'svc-identity-0123456789';
const PASSWORD = 'SecurePassword123!';
const CAPTCHA = 'recaptcha-test-response';

const redactor = new Redactor({
  authHeaders: [
    { header: 'X-BFF-Token', scheme: 'raw', placeholder: 'STOREFRONT_TOKEN' },
    { header: 'Authorization', scheme: 'bearer', placeholder: 'STOREFRONT_SERVICE_TOKEN' },
  ],
  secrets: [
    { value: TOKEN, name: 'STOREFRONT_TOKEN' },
    { value: SERVICE, name: 'STOREFRONT_SERVICE_TOKEN' },
    { value: PASSWORD, name: 'STOREFRONT_CUSTOMER_PASSWORD' },
    { value: CAPTCHA, name: 'STOREFRONT_RECAPTCHA_TOKEN' },
    { value: 'abc' }, // too short to substring-redact safely: ignored
  ],
  secretKeys: ['gRecaptchaResponse'],
});

describe('Redactor.header', () => {
  it.each([
    ['X-BFF-Token', TOKEN, '<redacted:STOREFRONT_TOKEN>'],
    ['x-bff-token', 'some-tampered-token', '<redacted:STOREFRONT_TOKEN>'],
    ['Authorization', `Bearer ${SERVICE}`, 'Bearer <redacted:STOREFRONT_SERVICE_TOKEN>'],
    ['authorization', 'Bearer unknown-value', 'Bearer <redacted:STOREFRONT_SERVICE_TOKEN>'],
    ['Cookie', 'session=abcdef', '<redacted>'],
    ['set-cookie', 'sid=1; HttpOnly', '<redacted>'],
    ['Content-Type', 'application/json', 'application/json'],
    ['Correlation-Id', '0b6b8a56-1111-4222-8333-944444444444', '0b6b8a56-1111-4222-8333-944444444444'],
    ['X-Debug', `token was ${TOKEN}`, 'token was <redacted:STOREFRONT_TOKEN>'],
  ])('%s: %s → %s', (name, value, expected) => {
    expect(redactor.header(name, value)).toBe(expected);
  });
});

describe('Redactor.text (bodies)', () => {
  it.each([
    [
      'login body: password, captcha by key and by value',
      `{"emailAddress":"a@b.c","password":"${PASSWORD}","gRecaptchaResponse":"${CAPTCHA}"}`,
      '{"emailAddress":"a@b.c","password":"<redacted:STOREFRONT_CUSTOMER_PASSWORD>","gRecaptchaResponse":"<redacted:STOREFRONT_RECAPTCHA_TOKEN>"}',
    ],
    ['an unknown password still goes', '{"password": "hunter2-other"}', '{"password": "<redacted>"}'],
    ['escaped quotes inside the value', '{"password":"a\\"b\\"c"}', '{"password":"<redacted>"}'],
    ['accessToken in a login response', `{"accessToken":"${TOKEN}","tokenType":"Bearer"}`, '{"accessToken":"<redacted:STOREFRONT_TOKEN>","tokenType":"Bearer"}'],
    ['a fresh token we never saw is still a JWT', '{"accessToken":"opaque-new-token-value"}', '{"accessToken":"<redacted>"}'],
    ['JWT anywhere in free text', 'Bearer eyJabcdefgh.eyJabcdefgh.sig and more', 'Bearer <redacted> and more'],
    ['a secret as a substring of an error message', `bad token ${SERVICE}!`, 'bad token <redacted:STOREFRONT_SERVICE_TOKEN>!'],
    ['form-encoded password', 'email=a%40b.c&password=Secure%20x', 'email=a%40b.c&password=<redacted>'],
    ['nothing secret stays as is', '{"name":{"en-AU":"Sofa"},"price":{"centAmount":100}}', '{"name":{"en-AU":"Sofa"},"price":{"centAmount":100}}'],
    ['short secrets are not substring-redacted', 'abc abc', 'abc abc'],
    ['malformed JSON keeps its shape', `{"password":"${PASSWORD}",`, '{"password":"<redacted:STOREFRONT_CUSTOMER_PASSWORD>",'],
  ])('%s', (_what, input, expected) => {
    expect(redactor.text(input)).toBe(expected);
  });
});

describe('Redactor.url', () => {
  it.each([
    [`https://h/x?token=${SERVICE}&limit=2`, 'https://h/x?token=<redacted:STOREFRONT_SERVICE_TOKEN>&limit=2'],
    [`https://h/customers/${encodeURIComponent(PASSWORD)}/orders`, 'https://h/customers/<redacted:STOREFRONT_CUSTOMER_PASSWORD>/orders'],
    ['https://h/products?limit=2&sort=name:asc', 'https://h/products?limit=2&sort=name:asc'],
  ])('%s', (input, expected) => expect(redactor.url(input)).toBe(expected));

  it('learns secrets at run time', () => {
    const r = new Redactor();
    expect(r.text('new-token-123456')).toBe('new-token-123456');
    r.addSecret('new-token-123456', 'STOREFRONT_TOKEN');
    expect(r.text('x new-token-123456 y')).toBe('x <redacted:STOREFRONT_TOKEN> y');
  });
});

describe('curl lines', () => {
  it.each([
    ['plain', 'abc', `'abc'`],
    ['single quote', `it's`, `'it'\\''s'`],
    ['named marker', 'X-BFF-Token: <redacted:STOREFRONT_TOKEN>', `'X-BFF-Token: '"$STOREFRONT_TOKEN"`],
    ['marker in the middle', 'a<redacted:X_Y>b', `'a'"$X_Y"'b'`],
    ['unnamed marker stays literal', 'p=<redacted>', `'p=<redacted>'`],
    ['empty', '', `''`],
  ])('shellArg %s', (_w, input, expected) => expect(shellArg(input)).toBe(expected));

  it.each([
    [
      'GET without -X',
      { method: 'GET', url: 'http://h/products?limit=2', headers: { accept: 'application/json', host: 'h' } },
      `curl -sS -i 'http://h/products?limit=2' -H 'accept: application/json'`,
    ],
    ['HEAD uses --head', { method: 'HEAD', url: 'http://h/p', headers: {} }, `curl -sS -i --head 'http://h/p'`],
    [
      'POST with redacted auth and body',
      {
        method: 'POST',
        url: 'http://h/auth/login',
        headers: { 'content-type': 'application/json', 'content-length': '10' },
        body: '{"password":"<redacted:STOREFRONT_CUSTOMER_PASSWORD>"}',
      },
      `curl -sS -i -X POST 'http://h/auth/login' -H 'content-type: application/json' --data-raw '{"password":"'"$STOREFRONT_CUSTOMER_PASSWORD"'"}'`,
    ],
  ])('toCurl %s', (_w, req, expected) => expect(toCurl(req)).toBe(expected));
});

describe('evidence', () => {
  const ex: Exchange = {
    seq: 1,
    request: {
      method: 'PUT',
      url: 'http://127.0.0.1:1/customers/me',
      headers: { 'X-BFF-Token': TOKEN, 'content-type': 'application/json' },
      body: `{"firstName":"A","password":"${PASSWORD}"}`,
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-echo': TOKEN },
      text: `{"accessToken":"${TOKEN}","pad":"${'x'.repeat(6000)}"}`,
    },
    durationMs: 3,
    notes: [`re-logged in with ${TOKEN}`],
  };
  const ev = toEvidence(ex, redactor);
  it('redacts headers, bodies and notes everywhere', () => {
    const all = JSON.stringify(ev);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(PASSWORD);
    expect(ev.request.headers['X-BFF-Token']).toBe('<redacted:STOREFRONT_TOKEN>');
    expect(ev.response?.headers['x-echo']).toBe('<redacted:STOREFRONT_TOKEN>');
  });
  it('truncates the response body at ~4 KB after redacting', () => {
    expect(ev.response?.truncated).toBe(true);
    expect(ev.response!.body.length).toBeLessThan(4200);
    expect(ev.response!.body.startsWith('{"accessToken":"<redacted:STOREFRONT_TOKEN>"')).toBe(true);
  });
  it('gives a replayable curl line', () => {
    expect(ev.curl).toBe(
      `curl -sS -i -X PUT 'http://127.0.0.1:1/customers/me' -H 'X-BFF-Token: '"$STOREFRONT_TOKEN" -H 'content-type: application/json' --data-raw '{"firstName":"A","password":"'"$STOREFRONT_CUSTOMER_PASSWORD"'"}'`,
    );
  });
});

describe('redactOutput: no encoding escapes it', () => {
  const NASTY = 'pa"ss\\w/rd-42';
  const forms = (s: string) => {
    const j = JSON.stringify(s).slice(1, -1);
    const x = (t: string) => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    return {
      raw: s,
      json: j,
      'json twice': JSON.stringify(j).slice(1, -1),
      'json in xml': x(j),
      url: encodeURIComponent(s),
      form: new URLSearchParams({ p: s }).toString().slice(2),
      base64: Buffer.from(s).toString('base64'),
      base64url: Buffer.from(s).toString('base64url'),
      'base64 inside Basic auth': Buffer.from(`someone@example.com:${s}`).toString('base64'),
      'base64 inside Basic auth, other offset': Buffer.from(`me@x.io:${s}`).toString('base64'),
      'script-safe json of json': JSON.stringify(JSON.stringify({ p: s })).replace(/</g, '\\u003c'),
    };
  };
  it.each(Object.entries(forms(NASTY)))('%s', (_name, text) => {
    const out = redactOutput(`before ${text} after`, [{ value: NASTY, name: 'STOREFRONT_CUSTOMER_PASSWORD' }]);
    expect(out).toMatch(/\[redacted:STOREFRONT_CUSTOMER_PASSWORD\]/);
    for (const form of Object.values(forms(NASTY)).slice(0, 9)) expect(out).not.toContain(form);
    expect(out).toMatch(/^before /);
  });
  it('leaves text without secrets, and too-short secrets, alone', () => {
    expect(redactOutput('{"a":"b"} abc', ['abc', 'zzzzzzzz'])).toBe('{"a":"b"} abc');
  });
  it('the recording-time Redactor matches the escaped and encoded forms too', () => {
    const r = new Redactor({ secrets: [{ value: NASTY, name: 'STOREFRONT_CUSTOMER_PASSWORD' }] });
    for (const text of Object.values(forms(NASTY))) expect(r.text(`x ${text} y`)).toContain('<redacted:STOREFRONT_CUSTOMER_PASSWORD>');
    expect(r.known()).toEqual([{ value: NASTY, name: 'STOREFRONT_CUSTOMER_PASSWORD' }]);
  });
});
