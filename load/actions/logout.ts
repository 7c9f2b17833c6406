// Action: sign out (AUTH-07), so the run leaves no live sessions behind.
import { check, group } from 'k6';
import { send, type Session } from '../lib/http.ts';
import { contractHeaders } from '../lib/checks.ts';

export function logout(s: Session): void {
  if (!s.token) return;
  group('Sign out', () => {
    const res = send(s, 'POST', 'logout', '/auth/logout', { expected: [204] });
    check(res, {
      'the answer has no body': (r) => !r.body || String(r.body).length === 0,
      ...contractHeaders(s.correlationId),
    });
    s.token = undefined;
  });
}
