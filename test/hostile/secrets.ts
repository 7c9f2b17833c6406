// The secret sweep: every file under a directory (and any captured text) searched for every
// secret in every form a report could carry it in. Used by the redaction tests and reusable by
// the end-to-end runs (`expect(leaks(dir, secrets)).toEqual([])`).

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { encodings } from './proxy.js';

/** The forms a written report can hold a secret in: the echo encodings, and those JSON- and XML-escaped. */
export function reportForms(secret: string): Record<string, string> {
  const json = (s: string) => JSON.stringify(s).slice(1, -1);
  const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const out: Record<string, string> = {};
  for (const [name, form] of Object.entries(encodings(secret))) {
    out[name] = form;
    out[`${name}, JSON-escaped`] = json(form);
    out[`${name}, JSON-escaped twice`] = json(json(form));
    out[`${name}, XML-escaped`] = xml(form);
    out[`${name}, JSON- then XML-escaped`] = xml(json(form));
  }
  return out;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** 'report.html: STOREFRONT_TOKEN (base64, JSON-escaped)' for every leak found; [] when clean. */
export function leaks(where: string | Record<string, string>, secrets: Record<string, string>): string[] {
  const texts = typeof where === 'string' ? Object.fromEntries(files(where).map((f) => [f.slice(where.length + 1), readFileSync(f, 'utf8')])) : where;
  const found: string[] = [];
  for (const [file, text] of Object.entries(texts)) {
    for (const [name, secret] of Object.entries(secrets)) {
      for (const [form, value] of Object.entries(reportForms(secret))) {
        if (text.includes(value)) found.push(`${file}: ${name} (${form})`);
      }
    }
  }
  return [...new Set(found)];
}
