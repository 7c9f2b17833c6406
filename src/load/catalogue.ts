// The Node side's view of load/: the data files the k6 scripts read (profiles.json, slo.json,
// routes.json, journeys.json, metrics.json), validated once with zod so a hand-edited profile fails with a one-line message
// naming the bad key, and the list of files k6 needs (for --emit-k8s).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../config/package-root.js';
import { ConfigError } from '../errors.js';
import { parseDuration, type LoadData, type ProfileCatalogue } from '../../load/lib/options.js';

const duration = z.string().refine((d) => parseDuration(d) !== null, 'must be a k6 duration such as 30s, 5m or 1h30m');
const threshold = z.string().min(1);

const profileSchema = z
  .strictObject({
    description: z.string().min(1),
    executor: z.enum(['constant-arrival-rate', 'ramping-arrival-rate']),
    rate: z.number().positive(),
    duration: duration.optional(),
    startRate: z.number().min(0).optional(),
    stages: z.array(z.strictObject({ duration, target: z.number().min(0) })).min(1).optional(),
    maxVUs: z.number().int().min(1).optional(),
    gracefulStop: duration.optional(),
    droppedIterations: threshold,
    abortOnFail: z.boolean().optional(),
  })
  .refine((p) => (p.executor === 'constant-arrival-rate' ? !!p.duration : !!p.stages), {
    message: 'a constant-arrival-rate profile needs `duration`, a ramping-arrival-rate one `stages`',
  });

const catalogueSchema = z.object({
  $comment: z.string().optional(),
  mix: z.record(z.string(), z.number().min(0)),
  profiles: z.record(z.string(), profileSchema),
});

const sloSchema = z.object({
  $comment: z.string().optional(),
  http_req_failed: z.array(threshold),
  checks: z.array(threshold),
  latency: z.record(z.string(), z.strictObject({ p95: z.number().positive(), p99: z.number().positive() })),
});

const routesSchema = z.object({
  $comment: z.string().optional(),
  routes: z.record(
    z.string(),
    z.strictObject({
      name: z.string().regex(/^(GET|POST|PUT|DELETE|PATCH|HEAD) \/\S*$/, 'must be "METHOD /path/{param}"'),
      api: z.string().min(1),
      journeys: z.array(z.string()).min(1),
      when: z.string().min(1).optional(),
    }),
  ),
});

const journeysSchema = z.object({
  $comment: z.string().optional(),
  headroom: z.number().min(1),
  journeys: z.record(z.string(), z.strictObject({ thinks: z.number().min(0), requests: z.array(z.string()).min(1) })),
});

const metricsSchema = z.object({
  $comment: z.string().optional(),
  metrics: z.record(
    z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a k6 metric name (lower case, digits, _)'),
    z.strictObject({ type: z.enum(['counter', 'rate', 'trend', 'gauge']), tags: z.array(z.string()), description: z.string().min(1) }),
  ),
});

export interface LoadCatalogue extends LoadData {
  dir: string;
}

export function loadDir(): string {
  return join(packageRoot(), 'load');
}

export function readJsonFile<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ConfigError(e.code === 'ENOENT' ? `${file} does not exist` : `${file} is not valid JSON: ${e.message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${file}: '${issue.path.join('.') || '(top level)'}' ${issue.message}`);
  }
  return parsed.data;
}

export function readSlo(file: string): LoadData['slo'] {
  return readJsonFile(file, sloSchema);
}

export function readCatalogue(dir = loadDir(), sloFile?: string): LoadCatalogue {
  return {
    dir,
    profiles: readJsonFile(join(dir, 'profiles.json'), catalogueSchema) as ProfileCatalogue,
    slo: readSlo(sloFile ?? join(dir, 'slo.json')),
    routes: readJsonFile(join(dir, 'routes.json'), routesSchema),
    journeys: readJsonFile(join(dir, 'journeys.json'), journeysSchema),
    metrics: readJsonFile(join(dir, 'metrics.json'), metricsSchema),
  };
}

/** Every file k6 needs from load/ (scripts and data), relative to it, '/'-separated. */
export function scriptFiles(dir = loadDir()): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|json)$/.test(entry) && entry !== 'tsconfig.json') out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}
