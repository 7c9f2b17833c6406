// Path-parameter resolution (x-params): '/carts/{cartId}/line-items/{lineItemId}' becomes a real
// path by calling each parameter's `from` operation and reading its `pointer`. Reads are memoised
// per worker; resources created by a write are memoised per suite file, deleted in its afterAll
// (when the catalogue has the matching DELETE), and created afresh for DELETE operations so one
// check's delete never pulls the ground from under another. A source that breaks the contract
// (param-source.ts) is a finding of that operation, recorded once by the runtime (`sourceFailed`);
// the checks depending on it skip and name it.

import { CheckSkip, type TargetInfo } from '../checks/types.js';
import { isObject, pointer, type Json } from '../contract/json.js';
import { resolveLocalRef } from '../contract/operations.js';
import type { ContractPack, Operation } from '../contract/types.js';
import type { Credential, Exchange, RequestSpec } from '../http/types.js';
import { judgeSource } from './param-source.js';

export interface ResolverDeps {
  contract: ContractPack;
  target: TargetInfo;
  send(spec: RequestSpec): Promise<Exchange>;
  /** per-worker memo (reads) */
  workerMemo: Map<string, Promise<unknown>>;
  /** per-file memo (created resources) */
  fileMemo: Map<string, Promise<unknown>>;
  cleanup(fn: () => Promise<unknown>): void;
  /**
   * The source operation `from` broke the contract (its first failure in the run): record one failed
   * result citing `clause` with `message` and the exchange; answers that result's id.
   */
  sourceFailed(from: Operation, clause: string, message: string, ex: Exchange): string;
}


export function credentialFor(op: Operation): Credential {
  return op.auth === 'customer' ? 'customer' : op.auth === 'service' ? 'service' : 'none';
}

function deref(openapi: Json, value: unknown): Json {
  const resolved = resolveLocalRef(openapi, value);
  return isObject(resolved) ? resolved : {};
}

export class PathResolver {
  constructor(private readonly d: ResolverDeps) {}

  async resolve(op: Operation, values: Record<string, string> = {}): Promise<string> {
    let path = op.path;
    for (const m of op.path.matchAll(/\{([^}]+)\}/g)) {
      const name = m[1];
      const value = values[name] ?? (await this.param(op, name, op.method === 'DELETE'));
      path = path.replace(`{${name}}`, encodeURIComponent(value));
    }
    return path;
  }

  private async param(op: Operation, name: string, fresh: boolean): Promise<string> {
    const src = op.params[name];
    if (!src) throw new CheckSkip(`${op.key}: the contract names no source (x-params) for {${name}}`);
    if (src.value !== undefined) return src.value;
    const from = this.d.contract.byId(src.from);
    const key = `param:${from.operationId}:${src.pointer}:${JSON.stringify(src.query ?? {})}`;
    if (from.writes) {
      if (this.d.target.readOnly || this.d.target.production) {
        throw new CheckSkip(`{${name}} of ${op.key} comes from ${from.key}, a write: not sent to a read-only target (ENV-02)`);
      }
      if (fresh) return this.fetch(name, from, src.pointer, src.query);
      return this.memo(this.d.fileMemo, key, () => this.fetch(name, from, src.pointer, src.query));
    }
    return this.memo(this.d.workerMemo, key, () => this.fetch(name, from, src.pointer, src.query));
  }

  private memo(store: Map<string, Promise<unknown>>, key: string, make: () => Promise<string>): Promise<string> {
    let p = store.get(key) as Promise<string> | undefined;
    if (!p) {
      p = make();
      store.set(key, p);
      // a failed resolution is not cached: the next check may try again
      p.catch(() => store.delete(key));
    }
    return p;
  }

  private async fetch(name: string, from: Operation, ptr: string, query?: Record<string, string>): Promise<string> {
    const path = await this.resolve(from);
    const ex = await this.d.send({
      method: from.method,
      path,
      query: { ...from.requiredQuery, ...(query ?? {}) },
      auth: credentialFor(from),
      json: from.hasBody ? await this.sampleBody(from) : undefined,
    });
    const verdict = judgeSource(this.d.contract, from, ex, ptr, name, from.hasBody);
    const need = `cannot obtain {${name}}`;
    if (verdict.kind === 'finding') {
      const id = this.d.sourceFailed(from, verdict.clause, verdict.reason, ex);
      throw new CheckSkip(`${need}: depends on ${from.key}, which failed: see ${id}`);
    }
    if (verdict.kind !== 'value') throw new CheckSkip(`${need}: ${verdict.reason}`);
    const id = verdict.value;
    if (from.writes) this.registerUndo(from, path, name, id);
    return id;
  }

  /** Delete what a write created, when the catalogue has DELETE <from.path>/{param}. */
  private registerUndo(from: Operation, fromPath: string, name: string, id: string): void {
    const del = this.d.contract.operations.find((o) => o.method === 'DELETE' && o.path === `${from.path}/{${name}}`);
    if (!del) return;
    const path = `${fromPath}/${encodeURIComponent(id)}`;
    this.d.cleanup(() => this.d.send({ method: 'DELETE', path, auth: credentialFor(del) }));
  }

  /** A minimal valid body from the request schema: required fields only (ids via the catalogue). */
  private async sampleBody(op: Operation): Promise<Json> {
    const openapi = this.d.contract.openapi as Json;
    const raw = pointer(openapi, `/paths/${op.path.replace(/~/g, '~0').replace(/\//g, '~1')}/${op.method.toLowerCase()}/requestBody`);
    const content = deref(openapi, raw).content;
    const media = isObject(content) ? Object.entries(content).find(([t]) => t.includes('json'))?.[1] : undefined;
    const schema = deref(openapi, isObject(media) ? media.schema : undefined);
    const body: Json = {};
    const props = isObject(schema.properties) ? schema.properties : {};
    for (const field of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
      const p = deref(openapi, props[field]);
      if (Array.isArray(p.enum) && p.enum.length) body[field] = p.enum[0];
      else if (p.type === 'integer' || p.type === 'number') body[field] = typeof p.minimum === 'number' ? Math.max(p.minimum, 1) : 1;
      else if (p.type === 'boolean') body[field] = false;
      else if (p.type === 'string' || p.type === undefined) {
        // an id field named like a path parameter somewhere in the catalogue: resolve it the same way
        const owner = this.d.contract.operations.find((o) => o.params[field] && !o.params[field].value && o.method === 'GET');
        if (owner) body[field] = await this.param(owner, field, false);
      }
    }
    return body;
  }
}
