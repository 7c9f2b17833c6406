// Action: is the target up? Run once in setup() before any load is sent.
import { check, group } from 'k6';
import { send, json, type Session } from '../lib/http.ts';
import { contractHeaders } from '../lib/checks.ts';

export function checkHealth(s: Session): boolean {
  return group('Check the service is up', () => {
    const res = send(s, 'GET', 'healthLive', '/health/live');
    return check(res, {
      'it says UP': (r) => json<{ status?: string }>(r)?.status === 'UP',
      ...contractHeaders(s.correlationId),
    });
  });
}
