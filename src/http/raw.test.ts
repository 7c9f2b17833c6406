// rawRequest reads what the client hides: body bytes after a 204's or a HEAD answer's head.
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { headOnlyProblem, rawRequest } from './raw.js';

let server: Server;
let base = '';
const answers: Record<string, string> = {
  '/head-with-body': 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 5\r\n\r\nhello',
  '/no-content-with-bytes': 'HTTP/1.1 204 No Content\r\n\r\n{}',
  '/no-content-declared': 'HTTP/1.1 204 No Content\r\ncontent-length: 2\r\n\r\n',
  '/no-content-clean': 'HTTP/1.1 204 No Content\r\nx-api-version: v1.0\r\n\r\n',
};

beforeAll(async () => {
  server = createServer((socket) => {
    socket.once('data', (b) => {
      const path = /^[A-Z]+ (\S+)/.exec(b.toString('latin1'))?.[1] ?? '';
      socket.end(answers[path] ?? 'HTTP/1.1 404 Not Found\r\n\r\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('rawRequest and headOnlyProblem', () => {
  test.each([
    ['HEAD', '/head-with-body', /sent 5 body byte\(s\) on the wire \("hello"\)/],
    ['DELETE', '/no-content-with-bytes', /sent 2 body byte\(s\)/],
    ['DELETE', '/no-content-declared', /declares Content-Length: 2/],
  ])('%s %s is a problem', async (method, path, problem) => {
    const answer = await rawRequest(`${base}${path}`, method, { 'X-Api-Version': 'v1.0' }, 2000);
    expect(headOnlyProblem(answer, method === 'HEAD' ? 'HEAD' : '204')).toMatch(problem);
  });

  test('a clean 204 has no problem, and its headers are read', async () => {
    const answer = await rawRequest(`${base}/no-content-clean`, 'DELETE', {}, 2000);
    expect(answer).toMatchObject({ status: 204, bodyBytes: 0, headers: { 'x-api-version': 'v1.0' } });
    expect(headOnlyProblem(answer, '204')).toBeUndefined();
  });
});
