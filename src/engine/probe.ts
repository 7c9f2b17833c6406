// Is the target there? One GET of the contract's health endpoint (or '/') with a short timeout,
// before anything else starts: any HTTP answer means reachable; a network failure gives the
// one-line reason the CLI prints with exit code 3 ("which URL, what error").

import { Agent, request } from 'undici';
import type { ContractPack } from '../contract/types.js';

export const PROBE_TIMEOUT_MS = 4000;

const FRIENDLY: Record<string, string> = {
  ECONNREFUSED: 'connection refused (nothing listens there)',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'host name could not be resolved (DNS)',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
  UND_ERR_SOCKET: 'connection closed',
};

function errorText(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code ?? e?.code;
  return code ? `${code}: ${FRIENDLY[code] ?? e?.cause?.message ?? e?.message}` : (e?.message ?? String(err));
}

/** Any HTTP answer proves the target is there; only a network failure is "unreachable". */
export async function probeTarget(baseUrl: string, path: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<string | undefined> {
  const agent = new Agent({ connect: { timeout: timeoutMs } });
  const url = `${baseUrl.replace(/\/+$/, '')}${path}`;
  try {
    const res = await request(url, { method: 'GET', dispatcher: agent, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs + 500) });
    await res.body.dump();
    return undefined;
  } catch (err) {
    return `cannot reach ${url}: ${errorText(err)}`;
  } finally {
    agent.destroy().catch(() => {});
  }
}

export function probePath(contract: ContractPack): string {
  const health = contract.operations.find((o) => o.method === 'GET' && o.auth === 'public' && !o.path.includes('{') && /health/.test(o.path));
  return health?.path ?? '/';
}

