// Starts the reference server (startServer({ port: 0 })) in a child process for the journey tests.
// A child, not this thread: the k6 shim's synchronous HTTP blocks the test's thread while it waits.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StartOptions, TestCustomer } from '../../src/server/types.js';

export interface ServerProcess {
  url: string;
  customers: TestCustomer[];
  recaptchaToken: string;
  close(): Promise<void>;
}

export function startReferenceServer(options: StartOptions = {}): Promise<ServerProcess> {
  const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', here('./ts-register.mjs'), here('./server-entry.mjs'), JSON.stringify(options)],
    { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve, reject) => {
    let stdout = '';
    const onData = (d: Buffer) => {
      stdout += String(d);
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      child.stdout!.off('data', onData);
      const info = JSON.parse(stdout.slice(0, nl)) as Omit<ServerProcess, 'close'>;
      resolve({
        ...info,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`reference server exited (${code}) before listening:\n${stderr}`)));
  });
}
