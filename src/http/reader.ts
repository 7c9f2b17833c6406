// Bounded reading of one answer: the dispatch handler at the end of the client's chain. It keeps
// at most `maxBodyBytes` of the body (the rest is never read: the request is aborted and the
// response marked truncated with the sizes seen, its text cut to the first 64 kB), and it settles
// at the request's total deadline whatever the target does — a hang, a body dripped one byte a second, a queue that never gets a
// socket — as an exchange with error code DEADLINE, never a crash or an idle wait. (Only the
// retry layer's own bounded waits move the deadline.)

import type { Dispatcher } from 'undici';
import type { RecordedResponse } from './types.js';

export type ReadOutcome = { response?: RecordedResponse; error?: { code: string; message: string } };

export interface ReadLimits {
  maxBodyBytes: number;
  /** the request's deadline budget in ms (for the message) */
  deadlineMs: number;
  /** when the request must be over (Date.now() time); read again when the timer fires, as retry waits move it */
  deadlineAt: () => number;
}

/** Why the reader aborted the request (seen by undici, never by the caller). */
class ReaderStop extends Error {
  constructor(readonly code: 'DEADLINE' | 'BODY_LIMIT') {
    super(code === 'DEADLINE' ? 'request deadline reached' : 'response body limit reached');
  }
}

export function responseHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function errorInfo(err: unknown): { code: string; message: string } {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code ?? e?.code ?? 'ERR_HTTP';
  const message = [e?.message, e?.cause?.message].filter(Boolean).join(': ') || String(err);
  return { code, message };
}

export function parseJson(text: string): unknown {
  if (!text.length) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * What a truncated exchange keeps of its body: the limit's worth is read (to know it is over), but
 * held only while reading — checks in flight hold many exchanges, and a target may answer every one
 * of them with a body past the limit.
 */
export const TRUNCATED_TEXT = 64 * 1024;

function mb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`;
}

/** For a finding: 'a body over the 10.0 MB limit (--max-body): 10.0 MB read before the tool stopped, Content-Length 200.0 MB'. */
export function describeTruncation(t: NonNullable<RecordedResponse['truncated']>): string {
  const declared = t.declaredBytes !== undefined ? `Content-Length ${mb(t.declaredBytes)}` : 'no Content-Length';
  return `a body over the ${mb(t.limitBytes)} limit (--max-body): ${mb(t.receivedBytes)} read before the tool stopped, ${declared}`;
}

/**
 * Dispatch with a handler that reads within the limits. Resolves exactly once; `dispatch`
 * throwing synchronously (the production guard refusing) rejects.
 */
export function readBounded(dispatch: (handler: Dispatcher.DispatchHandler) => void, limits: ReadLimits): Promise<ReadOutcome> {
  return new Promise<ReadOutcome>((resolve, reject) => {
    let settled = false;
    let controller: Dispatcher.DispatchController | undefined;
    let stopReason: ReaderStop | undefined;
    let status = 0;
    let headers: Record<string, string> = {};
    // the raw bytes, decoded once at the end: a body cut at the limit is decoded only as far as it is kept
    const parts: Buffer[] = [];
    let kept = 0;
    let received = 0;

    const stop = (reason: ReaderStop) => {
      stopReason ??= reason;
      if (controller && !controller.aborted) controller.abort(stopReason);
    };
    const settle = (outcome: ReadOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const response = (extra: Partial<RecordedResponse> = {}): RecordedResponse => {
      // a cut body is never parsed or judged whole: only its start is kept (checks in flight hold many exchanges)
      const bytes = Buffer.concat(parts, extra.truncated ? Math.min(kept, TRUNCATED_TEXT) : kept);
      parts.length = 0;
      if (!extra.truncated) {
        const whole = new TextDecoder('utf-8').decode(bytes);
        return { status, headers, text: whole, json: parseJson(whole), ...extra };
      }
      return { status, headers, text: new TextDecoder('utf-8').decode(bytes), json: undefined, ...extra };
    };

    const expire = () => {
      const left = limits.deadlineAt() - Date.now();
      if (left > 0) {
        timer = setTimeout(expire, left);
        timer.unref?.();
        return;
      }
      const got = status ? ` (status ${status} and ${mb(received)} of body received)` : ' (no answer started)';
      settle({ error: { code: 'DEADLINE', message: `no complete answer within the ${limits.deadlineMs} ms request deadline${got}` } });
      stop(new ReaderStop('DEADLINE'));
    };
    let timer = setTimeout(expire, Math.max(0, limits.deadlineAt() - Date.now()));
    timer.unref?.();

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        // the deadline may have passed while the request waited for a socket
        if (stopReason) c.abort(stopReason);
      },
      onResponseStart(_c, statusCode, h) {
        status = statusCode;
        headers = responseHeaders(h as Record<string, string | string[] | undefined>);
      },
      onResponseData(_c, chunk) {
        if (settled) return;
        received += chunk.length;
        const room = limits.maxBodyBytes - kept;
        if (room > 0) {
          const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
          parts.push(Buffer.from(part)); // a copy: undici's chunk may be a view of a larger read buffer
          kept += part.length;
        }
        if (received > limits.maxBodyBytes) {
          const declared = Number(headers['content-length']);
          settle({
            response: response({
              truncated: {
                limitBytes: limits.maxBodyBytes,
                receivedBytes: received,
                ...(Number.isFinite(declared) && declared > 0 ? { declaredBytes: declared } : {}),
              },
            }),
          });
          stop(new ReaderStop('BODY_LIMIT'));
        }
      },
      onResponseEnd() {
        settle({ response: response() });
      },
      onResponseError(_c, err) {
        settle({ error: errorInfo(err) });
      },
    };
    try {
      dispatch(handler);
    } catch (err) {
      clearTimeout(timer);
      settled = true;
      reject(err);
    }
  });
}
