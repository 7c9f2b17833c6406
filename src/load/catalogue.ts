// The Node side's view of load/: the data files the k6 scripts read (profiles.json, slo.json,
// routes.json), validated once with zod so a hand-edited profile fails with a one-line message
// naming the bad key, and the list of files k6 needs (for --emit-k8s).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../config/package-root.js';
import { ConfigError } from '../errors.js';
import { parseDuration, type ProfileCatalogue, type RouteCatalogue, type Slo } from '../../load/lib/options.js';

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
    preAllocatedVUs: z.number().int().min(1),
    maxVUs: z.number().int().min(1),
    gracefulStop: duration.optional(),
    droppedIterations: threshold,
    abortOnFail: z.boolean().optional(),
  })
  .refine((p) => (p.executor === 'constant-arrival-rate' ? !!p.duration : !!p.stages), {
    message: 'a constant-arrival-rate profile needs `duration`, a ramping-arrival-rate one `stages`',
  })
  .refine((p) => p.preAllocatedVUs <= p.maxVUs, { message: 'preAllocatedVUs must not exceed maxVUs' });

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
    }),
  ),
});

export interface LoadCatalogue {
  dir: string;
  profiles: ProfileCatalogue;
  slo: Slo;
  routes: RouteCatalogue;
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

export function readSlo(file: string): Slo {
  return readJsonFile(file, sloSchema);
}

export function readCatalogue(dir = loadDir(), sloFile?: string): LoadCatalogue {
  return {
    dir,
    profiles: readJsonFile(join(dir, 'profiles.json'), catalogueSchema) as ProfileCatalogue,
    slo: readSlo(sloFile ?? join(dir, 'slo.json')),
    routes: readJsonFile(join(dir, 'routes.json'), routesSchema),
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
