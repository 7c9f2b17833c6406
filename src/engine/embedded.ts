// The embedded reference server of a run with no base URL: the pack's own server (storefront-bff,
// storefront-v2), seen through the one RunningServer shape the sessions read, plus what only the
// v2 server knows (its test OTP and card). A pack without a reference server needs --base-url.

import { UsageError } from '../errors.js';
import type { RunningServer, StartOptions } from '../server/types.js';

export interface Embedded {
  server: RunningServer;
  otpCode?: string;
  testCard?: string;
}

export async function startEmbedded(pack: string, opts: StartOptions = {}): Promise<Embedded> {
  if (pack === 'storefront-v2') {
    const { startV2Server } = await import('../server/v2/index.js');
    const { modes, ...rest } = opts;
    const v2 = await startV2Server({ port: 0, host: '127.0.0.1', ...rest, modes: modes as never });
    // v2 has no reCAPTCHA and no service endpoints: those fields stay empty (the checks needing them are BFF-only)
    return { server: { ...v2, recaptchaToken: '', serviceToken: '' }, otpCode: v2.otpCode, testCard: v2.testCard };
  }
  if (pack !== 'storefront-bff') throw new UsageError(`pack ${pack} has no embedded reference server: give --base-url <url>`);
  const { startServer } = await import('../server/index.js');
  return { server: await startServer({ port: 0, host: '127.0.0.1', ...opts }) };
}
