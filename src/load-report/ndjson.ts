// Streams k6's `--out json` file (one JSON object a line, gzipped if named *.gz) into a sink, with memory bounded by the
// read chunk: a soak test writes gigabytes, so nothing here keeps more than one line at a time.
//
// k6 writes two kinds of line (see ../shared/k6-fixtures/*/out.ndjson):
//   {"type":"Metric","data":{"name":"http_reqs","type":"counter",...},"metric":"http_reqs"}
//   {"metric":"http_reqs","type":"Point","data":{"time":"2026-…Z","value":1,"tags":{...}}}
// Most Point lines belong to metrics the report does not chart (http_req_blocked, data_sent, …).
// A Point line starts with `{"metric":"<name>"`, so the name is read off the prefix and only the
// lines of wanted metrics are JSON.parse'd; any line that does not have that shape is parsed in full.

import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { LoadReportError } from './errors.js';

export type Tags = Record<string, string>;

export interface MetricDeclaration {
  name: string;
  /** counter | gauge | rate | trend */
  type: string;
  contains?: string;
  thresholds?: string[];
}

/** Receives what the reader finds; `wants` decides which Point lines are worth parsing. */
export interface K6OutputSink {
  wants(metric: string): boolean;
  declare(metric: MetricDeclaration): void;
  point(metric: string, timeMs: number, value: number, tags: Tags): void;
}

export interface ReadStats {
  /** bytes of ndjson read (after decompression) */
  bytes: number;
  lines: number;
  /** every Point line, parsed or not */
  points: number;
  /** Point lines handed to the sink */
  parsedPoints: number;
  malformedLines: number;
}

const POINT_PREFIX = '{"metric":"';
const POINT_TYPE = '","type":"Point"';

export async function readK6Ndjson(path: string, sink: K6OutputSink): Promise<ReadStats> {
  const stats: ReadStats = { bytes: 0, lines: 0, points: 0, parsedPoints: 0, malformedLines: 0 };
  const decoder = new StringDecoder('utf8');
  const times = new K6TimeParser();
  let carry = '';

  const handleLine = (line: string): void => {
    if (line.length === 0) return;
    stats.lines++;
    if (line.startsWith(POINT_PREFIX)) {
      const end = line.indexOf('"', POINT_PREFIX.length);
      if (end > 0 && line.startsWith(POINT_TYPE, end)) {
        stats.points++;
        const metric = line.slice(POINT_PREFIX.length, end);
        if (!sink.wants(metric)) return;
        handleParsed(line, true);
        return;
      }
    }
    handleParsed(line, false);
  };

  const handleParsed = (line: string, knownPoint: boolean): void => {
    let entry: RawEntry;
    try {
      entry = JSON.parse(line) as RawEntry;
    } catch {
      stats.malformedLines++;
      return;
    }
    if (entry.type === 'Point' && entry.data && typeof entry.metric === 'string') {
      if (!knownPoint) {
        stats.points++;
        if (!sink.wants(entry.metric)) return;
      }
      const timeMs = times.parse(String(entry.data.time));
      const value = Number(entry.data.value);
      if (Number.isNaN(timeMs)) {
        stats.malformedLines++;
        return;
      }
      stats.parsedPoints++;
      sink.point(entry.metric, timeMs, value, entry.data.tags ?? {});
    } else if (entry.type === 'Metric' && entry.data && typeof entry.data.name === 'string') {
      const d = entry.data;
      sink.declare({
        name: d.name as string,
        type: String(d.type ?? ''),
        contains: typeof d.contains === 'string' ? d.contains : undefined,
        thresholds: Array.isArray(d.thresholds) ? d.thresholds.map(String) : [],
      });
    }
  };

  // k6 gzips its json output when the file name ends in .gz
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  let stream: Readable = file;
  if (path.endsWith('.gz')) {
    stream = file.pipe(createGunzip({ chunkSize: 1 << 20 }));
    file.on('error', (err) => stream.destroy(err));
  }
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      stats.bytes += chunk.length;
      const text = carry + decoder.write(chunk);
      let start = 0;
      for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
        handleLine(text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl));
        start = nl + 1;
      }
      carry = text.slice(start);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new LoadReportError(`cannot read k6 output ${path}: ${code ? `${code} ${(err as Error).message}` : (err as Error).message}`);
  }
  handleLine((carry + decoder.end()).trim());
  return stats;
}

interface RawEntry {
  type?: string;
  metric?: string;
  data?: { time?: unknown; value?: unknown; tags?: Tags | null; name?: unknown; type?: unknown; contains?: unknown; thresholds?: unknown };
}

/**
 * RFC 3339 timestamps with nanoseconds ("2026-11-23T08:16:07.909221817Z", or with an offset):
 * Date.parse is slow on them and drops sub-millisecond digits, and consecutive lines share the
 * whole-second part, so that part is parsed once and cached; the fraction is added by hand.
 */
export class K6TimeParser {
  private lastKey = '';
  private lastBase = Number.NaN;

  parse(time: string): number {
    if (typeof time !== 'string' || time.length < 20) return Number.NaN;
    let fraction = 0;
    let zoneAt = 19;
    if (time.charCodeAt(19) === 46 /* . */) {
      zoneAt = 20;
      let scale = 100;
      for (let c = time.charCodeAt(zoneAt); c >= 48 && c <= 57; c = time.charCodeAt(++zoneAt)) {
        fraction += (c - 48) * scale;
        scale /= 10;
      }
    }
    const key = zoneAt === 19 ? time : time.slice(0, 19) + time.slice(zoneAt);
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.lastBase = Date.parse(key);
    }
    return this.lastBase + fraction;
  }
}
