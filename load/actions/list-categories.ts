// Action: open the category menu.
import { check, group } from 'k6';
import { send, json, type Session } from '../lib/http.ts';
import { contractHeaders, isPage, type Page } from '../lib/checks.ts';
import type { Category } from '../lib/resources.ts';

export function listCategories(s: Session): Category[] {
  return group('List the categories', () => {
    const res = send(s, 'GET', 'listCategories', '/categories', { query: { limit: 100 } });
    check(res, {
      'the answer is a page of categories': isPage,
      ...contractHeaders(s.correlationId),
    });
    return json<Page<Category>>(res)?.results ?? [];
  });
}
