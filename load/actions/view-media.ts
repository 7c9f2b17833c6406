// Action: the product page's image gallery.
import { check, group } from 'k6';
import { send, type Session } from '../lib/http.ts';
import { contractHeaders, isPage } from '../lib/checks.ts';

export function viewMedia(s: Session, productId: string): void {
  group("View a product's media", () => {
    const res = send(s, 'GET', 'listMedia', `/products/${encodeURIComponent(productId)}/media`);
    check(res, {
      'the answer is a page of media': isPage,
      ...contractHeaders(s.correlationId),
    });
  });
}
