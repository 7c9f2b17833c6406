// Journey: search. Suggestions while typing (debounced) → the results page → a product.
import { typeSearchQuery } from '../actions/type-search-query.ts';
import { searchProducts } from '../actions/search-products.ts';
import { viewProduct } from '../actions/view-product.ts';
import { pick, startIteration, stopped, think } from '../lib/http.ts';
import { searchTerms } from '../config.ts';

export function search(): void {
  const s = startIteration();
  const term = pick(searchTerms);
  if (!term) return;
  typeSearchQuery(s, term);
  think();
  const product = pick(searchProducts(s, term));
  if (!product) return stopped(s, 'search', 'Search for products'); // nothing found: the shopper leaves
  think();
  viewProduct(s, product.id);
}
