// Action: submit the search and see the results page.
import { check, group } from 'k6';
import { send, json, type Session } from '../lib/http.ts';
import { contractHeaders, isPage, type Page } from '../lib/checks.ts';
import type { ProductSummary } from '../lib/resources.ts';

export function searchProducts(s: Session, term: string): ProductSummary[] {
  return group('Search for products', () => {
    const res = send(s, 'GET', 'search', '/search', { query: { query: term } });
    check(res, {
      'the answer is a page of products': isPage,
      ...contractHeaders(s.correlationId),
    });
    return json<Page<ProductSummary>>(res)?.results ?? [];
  });
}
