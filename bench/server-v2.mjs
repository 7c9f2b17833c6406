// v2 reference server throughput and latency (src/server/v2): bench/server.mjs's bench with the
// v2 pack's description (server, login, routes). Needs `npm run build`.
import { fileURLToPath } from 'node:url';
import { bench } from './server.mjs';

await bench('v2', fileURLToPath(import.meta.url));
