// Region and language negotiation (V2-HDR-02/03): X-Region (case-insensitive, empty = absent,
// unknown = 400 UNSUPPORTED_REGION) and Accept-Language matched in q order against the region's
// own languages, exactly then by primary subtag, else the region's defaultLanguage.

import { ApiError } from '../errors.js';
import type { V2FaultSet } from './faults.js';
import type { Lang } from './records.js';
import { DEFAULT_REGION, REGIONS, regionByCode, type RegionDef } from './regions.js';

export interface Locale {
  region: RegionDef;
  language: Lang;
  /** the X-Region response header */
  regionHeader: string;
}

/** Accept-Language tags by descending q (stable), q=0 and `*` dropped. */
export function languageTags(header: string | undefined): string[] {
  if (!header) return [];
  const tags: Array<{ tag: string; q: number; i: number }> = [];
  header.split(',').forEach((part, i) => {
    const [tag, ...params] = part.trim().split(';');
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (tag && tag !== '*' && q > 0 && !Number.isNaN(q)) tags.push({ tag: tag.trim(), q, i });
  });
  return tags.sort((a, b) => b.q - a.q || a.i - b.i).map((t) => t.tag);
}

const primary = (tag: string): string => tag.split('-')[0].toLowerCase();

export function negotiate(regionRaw: string | undefined, acceptLanguage: string | undefined, faults: V2FaultSet): Locale {
  const sent = (regionRaw ?? '').trim();
  let region = regionByCode.get(DEFAULT_REGION)!;
  if (sent) {
    const code = faults.has('v2-hdr-region-case-sensitive') ? sent : sent.toUpperCase();
    const found = regionByCode.get(code as RegionDef['code']);
    if (found) region = found;
    else if (!faults.has('v2-hdr-unknown-region-default')) {
      throw new ApiError(400, `Unsupported region '${sent}': use one of ${REGIONS.map((r) => r.code).join(', ')} (GET /config)`, 'UNSUPPORTED_REGION', [
        { field: 'X-Region', code: 'INVALID_VALUE', message: 'not a region of GET /config' },
      ]);
    }
  }
  const candidates: Lang[] = faults.has('v2-hdr-language-from-other-region') ? [...new Set(REGIONS.flatMap((r) => r.languages))] : region.languages;
  let language: Lang | undefined;
  for (const tag of languageTags(acceptLanguage)) {
    language = candidates.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (!language && !faults.has('v2-hdr-no-primary-subtag-match')) language = candidates.find((l) => primary(l) === primary(tag));
    if (language) break;
  }
  const regionHeader = sent && faults.has('v2-hdr-region-echo-as-sent') && regionByCode.has(sent.toUpperCase() as RegionDef['code']) ? sent : region.code;
  return { region, language: language ?? region.defaultLanguage, regionHeader };
}
