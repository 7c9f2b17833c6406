// Makes the schemas written inside openapi.yaml compilable by ajv: `#/components/schemas/X`
// becomes the $id of the schema file X points to (or X inlined when it is written in place), and
// a relative './schemas/x.schema.json' becomes that file's $id.

import { isObject, type Json } from '../contract/json.js';
import { basename } from 'node:path';



export interface RefContext {
  /** components.schemas of the OpenAPI document */
  components: Json;
  /** schema file name ('money.schema.json') -> its $id */
  fileIds: ReadonlyMap<string, string>;
}

const COMPONENT = '#/components/schemas/';

/** The $id of the schema file a component is a bare $ref to, if it is one. */
export function componentFileId(ctx: RefContext, name: string): string | undefined {
  const component = ctx.components[name];
  if (!isObject(component) || typeof component.$ref !== 'string' || Object.keys(component).length !== 1) return undefined;
  return fileIdOf(ctx, component.$ref);
}

function fileIdOf(ctx: RefContext, ref: string): string | undefined {
  if (ref.startsWith('#')) return undefined;
  return ctx.fileIds.get(basename(ref.split('#', 1)[0]));
}

/** A deep copy of `schema` in which every $ref resolves for ajv. */
export function rewriteRefs(ctx: RefContext, schema: unknown, depth = 0): unknown {
  if (depth > 64) throw new Error('openapi.yaml: components.schemas nest too deep (a $ref cycle?)');
  if (Array.isArray(schema)) return schema.map((item) => rewriteRefs(ctx, item, depth + 1));
  if (!isObject(schema)) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') continue;
    out[key] = key === 'examples' || key === 'const' || key === 'enum' ? value : rewriteRefs(ctx, value, depth + 1);
  }
  const ref = schema.$ref;
  if (typeof ref !== 'string') return out;
  if (ref.startsWith(COMPONENT)) {
    const name = ref.slice(COMPONENT.length);
    if (!(name in ctx.components)) throw new Error(`openapi.yaml: unresolved $ref ${ref}`);
    const fileId = componentFileId(ctx, name);
    if (fileId) return { ...out, $ref: fileId };
    const inlined = rewriteRefs(ctx, ctx.components[name], depth + 1);
    return Object.keys(out).length === 0 ? inlined : { ...out, allOf: [inlined, ...((out.allOf as unknown[]) ?? [])] };
  }
  const fileId = fileIdOf(ctx, ref);
  if (!fileId) throw new Error(`openapi.yaml: $ref ${ref} is neither a component nor a schema file of the pack`);
  return { ...out, $ref: fileId };
}
