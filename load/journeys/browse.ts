// Journey: browse the catalogue. Categories → a category's products, in stock, cheapest first →
// a product → its variants and media.
import { listCategories } from '../actions/list-categories.ts';
import { listProducts } from '../actions/list-products.ts';
import { viewProduct } from '../actions/view-product.ts';
import { viewVariants } from '../actions/view-variants.ts';
import { viewMedia } from '../actions/view-media.ts';
import { pick, startIteration, stopped, think } from '../lib/http.ts';

export function browse(): void {
  const s = startIteration();
  const category = pick(listCategories(s));
  if (!category) return stopped(s, 'browse', 'List the categories');
  think();
  const product = pick(listProducts(s, { category: category.slug, inStock: true, sort: 'price:asc' }));
  if (!product) return stopped(s, 'browse', 'List products'); // an empty category: the shopper leaves
  think();
  viewProduct(s, product.id);
  viewVariants(s, product.id);
  viewMedia(s, product.id);
}
