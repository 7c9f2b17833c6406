// Action: a product list page, filtered and sorted as the shopper chose (FLT, SRT).
import { check, group } from 'k6';
import { send, json, type Session } from '../lib/http.ts';
import { contractHeaders, isPage, type Page } from '../lib/checks.ts';
import type { ProductSummary } from '../lib/resources.ts';

export function listProducts(s: Session, query: Record<string, string | number | boolean>): ProductSummary[] {
  return group('List products', () => {
    const res = send(s, 'GET', 'listProducts', '/products', { query });
    const products = json<Page<ProductSummary>>(res)?.results ?? [];
    check(res, {
      'the answer is a page of products': isPage,
      'every product is in stock, as filtered': () => query.inStock !== true || products.every((p) => p.inStock === true),
      ...contractHeaders(s.correlationId),
    });
    return products;
  });
}
