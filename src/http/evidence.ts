// Builds the replayable, redacted Evidence of results.ts from a recorded Exchange: request and
// response with secrets masked, the response body cut at ~4 KB, and a curl line replaying it;
// a body the client cut at --max-body says so, with its sizes.

import type { Evidence } from '../results.js';
import { toCurl } from './curl.js';
import type { Redactor } from './redact.js';
import { describeTruncation } from './reader.js';
import type { Exchange } from './types.js';

export const MAX_EVIDENCE_BODY = 4096;

function truncate(text: string, max: number): { body: string; truncated: boolean } {
  if (text.length <= max) return { body: text, truncated: false };
  return { body: `${text.slice(0, max)}… [${text.length - max} more characters]`, truncated: true };
}

export function toEvidence(ex: Exchange, redactor: Redactor, maxBody = MAX_EVIDENCE_BODY): Evidence {
  const request = {
    method: ex.request.method,
    url: redactor.url(ex.request.url),
    headers: redactor.headers(ex.request.headers),
    ...(ex.request.body !== undefined ? { body: redactor.text(ex.request.body) } : {}),
  };
  const evidence: Evidence = { request, curl: toCurl(request) };
  if (ex.response) {
    evidence.response = {
      status: ex.response.status,
      headers: redactor.headers(ex.response.headers),
      ...truncate(redactor.text(ex.response.text), maxBody),
    };
  }
  if (ex.error) evidence.error = `${ex.error.code}: ${redactor.text(ex.error.message)}`;
  const notes = ex.notes.map((n) => redactor.text(n));
  if (ex.response?.truncated) notes.push(`answered with ${describeTruncation(ex.response.truncated)}`);
  if (notes.length) evidence.notes = notes;
  return evidence;
}
