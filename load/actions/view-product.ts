// Action: open a product's page.
import { check, group } from 'k6';
import { send, json, type Session } from '../lib/http.ts';
import { contractHeaders } from '../lib/checks.ts';
import type { ProductSummary } from '../lib/resources.ts';

export function viewProduct(s: Session, productId: string): ProductSummary | undefined {
  return group('View a product', () => {
    const res = send(s, 'GET', 'getProduct', `/products/${encodeURIComponent(productId)}`);
    const product = json<ProductSummary>(res);
    check(res, {
      'it is the product asked for': () => product?.id === productId,
      ...contractHeaders(s.correlationId),
    });
    return product;
  });
}
