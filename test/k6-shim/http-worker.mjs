// The synckit worker behind the shim's synchronous http.*: one undici request per call.
import { runAsWorker } from 'synckit';
import { request } from 'undici';

runAsWorker(async ({ method, url, headers, body }) => {
  const res = await request(url, { method, headers, body: body ?? undefined });
  const text = await res.body.text();
  const out = {};
  for (const [k, v] of Object.entries(res.headers)) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return { status: res.statusCode, headers: out, body: text };
});
