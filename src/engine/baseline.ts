// --baseline <file>: known failures by check id. A known failure is shown (baselined: true) but
// does not fail the gate; failures not in the file are new; baseline entries whose check now
// passes are fixed; an entry past its `expires` date stops covering its failure.
//
// File format (JSON): { "entries": [ { "id": "PAG-04:GET /products:limit-out-of-range",
//   "reason": "TICKET-123", "expires": "2025-06-30" } ] }   — or a bare array of ids / entries.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { CheckResult, RunResults } from '../results.js';

const entry = z.union([
  z.string().min(1).transform((id) => ({ id, reason: undefined, expires: undefined })),
  z.object({
    id: z.string().min(1),
    reason: z.string().optional(),
    expires: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date like 2025-06-30')
      .optional(),
  }),
]);
const fileSchema = z.union([z.array(entry), z.object({ entries: z.array(entry) }).transform((f) => f.entries)]);

export interface BaselineEntry {
  id: string;
  reason?: string;
  expires?: string;
}

export function readBaseline(file: string): BaselineEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ConfigError(
      e.code === 'ENOENT' ? `baseline file ${file} does not exist: check the --baseline path` : `baseline file ${file} is not valid JSON: ${e.message}`,
    );
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`baseline file ${file}: '${issue.path.join('.') || '(top level)'}' ${issue.message}; expected { "entries": [ { "id": "…", "expires"?: "YYYY-MM-DD" } ] }`);
  }
  return parsed.data;
}

/** End of the day the entry expires on (an entry expiring "2025-06-30" still covers that day). */
function expired(e: BaselineEntry, now: Date): boolean {
  if (!e.expires) return false;
  const end = Date.parse(e.expires.length === 10 ? `${e.expires}T23:59:59.999Z` : e.expires);
  return !Number.isNaN(end) && end < now.getTime();
}

/** Mark covered failures (mutates checks) and return the baseline section of RunResults. */
export function applyBaseline(file: string, entries: BaselineEntry[], checks: CheckResult[], now = new Date()): NonNullable<RunResults['baseline']> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const out = { file, known: [] as string[], fixed: [] as string[], expired: [] as string[], new: [] as string[] };
  const ran = new Map(checks.map((c) => [c.id, c]));
  for (const c of checks) {
    if (c.status !== 'failed') continue;
    const e = byId.get(c.id);
    if (!e) out.new.push(c.id);
    else if (expired(e, now)) {
      out.expired.push(c.id);
      c.message = `${c.message} (baseline entry expired ${e.expires})`;
    } else {
      c.baselined = true;
      out.known.push(c.id);
    }
  }
  for (const e of entries) {
    const c = ran.get(e.id);
    if (c && (c.status === 'passed' || c.status === 'warned')) out.fixed.push(e.id);
  }
  return out;
}
