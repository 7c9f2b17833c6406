// Child process: the reference server (src/server, TypeScript via ts-hooks.mjs) on a free port.
// Prints one JSON line { url, customers, recaptchaToken } when listening; stops on SIGTERM.
const { startServer } = await import('../../src/server/index.js');
const options = JSON.parse(process.argv[2] ?? '{}');
const server = await startServer({ port: 0, ...options });
process.stdout.write(
  JSON.stringify({ url: server.url, customers: server.customers, recaptchaToken: server.recaptchaToken }) + '\n',
);
const stop = () => server.close().then(() => process.exit(0), () => process.exit(1));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
