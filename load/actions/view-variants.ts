// Action: the product page's size/colour picker.
import { check, group } from 'k6';
import { send, type Session } from '../lib/http.ts';
import { contractHeaders, isPage } from '../lib/checks.ts';

export function viewVariants(s: Session, productId: string): void {
  group("View a product's variants", () => {
    const res = send(s, 'GET', 'listVariants', `/products/${encodeURIComponent(productId)}/variants`);
    check(res, {
      'the answer is a page of variants': isPage,
      ...contractHeaders(s.correlationId),
    });
  });
}
