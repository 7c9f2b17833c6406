// `storefront-check serve --pack storefront-v2` through the CLI's main(), in-process: it lists the
// v2 faults, refuses an unknown pack / fault / mode with exit 2, and serves v2 on a loopback port.
import { expect, test } from 'vitest';
import { main } from '../../src/cli/index.js';
import { V2_FAULTS } from '../../src/server/v2/faults.js';

function capture() {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  return {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    restore() {
      process.stdout.write = out;
      process.stderr.write = err;
    },
  };
}

async function cli(...args: string[]) {
  const io = capture();
  try {
    const code = await main(['node', 'storefront-check', 'serve', ...args]);
    return { code, stdout: io.stdout, stderr: io.stderr };
  } finally {
    io.restore();
  }
}

test('--list-faults lists the v2 catalogue', async () => {
  const r = await cli('--pack', 'storefront-v2', '--list-faults');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`${V2_FAULTS.length} faults`);
  for (const f of V2_FAULTS) expect(r.stdout).toContain(f.id);
});

test.each([
  [['--pack', 'storefront-v3'], /--pack 'storefront-v3': serve runs the reference server of storefront-bff or storefront-v2/],
  [['--pack', 'storefront-v2', '--fault', 'pag-duplicate-across-pages'], /unknown v2 fault 'pag-duplicate-across-pages'/],
  [['--pack', 'storefront-v2', '--mode', 'lineItemMerge=merge'], /unknown v2 mode 'lineItemMerge'/],
])('%j is a usage error (exit 2)', async (args, message) => {
  const r = await cli(...args, '--port', '0');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
});

test('serves the v2 API with the modes and faults given', async () => {
  const before = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
  const io = capture();
  let url = '';
  const running = main(['node', 'storefront-check', 'serve', '--pack', 'storefront-v2', '--port', '0', '--mode', 'shipping=free', '--fault', 'v2-ver-missing-on-404']);
  try {
    for (let i = 0; i < 200 && !url; i++) {
      await new Promise((r) => setTimeout(r, 25));
      url = /listening on (http:\/\/\S+)/.exec(io.stderr)?.[1] ?? '';
    }
  } finally {
    io.restore();
  }
  expect(io.stderr).toContain('(storefront-v2)');
  try {
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'UP' });
    const basket = (await (await fetch(`${url}/baskets`, { method: 'POST' })).json()) as { shippingTotal: number };
    expect(basket.shippingTotal).toBe(0);
    expect((await fetch(`${url}/nope`)).headers.get('x-api-version')).toBeNull();
  } finally {
    // serve stops on SIGINT/SIGTERM: call its own listeners rather than signal the test process
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const stop of process.listeners(signal).filter((l) => !before.has(l))) {
        process.removeListener(signal, stop);
        if (signal === 'SIGINT') (stop as () => void)();
      }
    }
  }
  expect(await running).toBe(0);
});
