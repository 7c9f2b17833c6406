// Journey: buy. Sign in → cart → two products → a discount code → checkout (with a saved or new
// shipping address) → confirm → cancel the order → sign out. The order is cancelled and the
// session ended whatever happens in between, so the run leaves no live orders or sessions.
import exec from 'k6/execution';
import { login } from '../actions/login.ts';
import { createCart } from '../actions/create-cart.ts';
import { listProducts } from '../actions/list-products.ts';
import { addLineItem } from '../actions/add-line-item.ts';
import { applyDiscountCode } from '../actions/apply-discount-code.ts';
import { chooseShippingAddress } from '../actions/choose-shipping-address.ts';
import { startCheckout } from '../actions/start-checkout.ts';
import { confirmOrder } from '../actions/confirm-order.ts';
import { cancelOrder } from '../actions/cancel-order.ts';
import { logout } from '../actions/logout.ts';
import { pick, startIteration, stopped, think } from '../lib/http.ts';
import { accounts, addresses, discountCodes, type Account } from '../config.ts';

/** Each VU signs in as one of the test accounts, round robin. */
export function accountFor(vu: number): Account {
  return accounts[(vu - 1) % accounts.length];
}

export function passwordOf(account: Account): string | undefined {
  return account.password ?? (account.passwordEnv ? __ENV[account.passwordEnv] : undefined);
}

export function buy(): void {
  const s = startIteration();
  const account = accountFor(exec.vu.idInTest);
  if (!login(s, account.email, passwordOf(account) || '')) return stopped(s, 'buy', 'Sign in');
  try {
    let cart = createCart(s);
    if (!cart) return stopped(s, 'buy', 'Create a cart');
    think();
    const products = listProducts(s, { status: 'active', inStock: true, sort: 'popularity:desc' });
    for (const product of products.slice(0, 2)) {
      cart = addLineItem(s, cart.id, product.id, 1) ?? cart;
      think();
    }
    if (cart.lineItems.length === 0) return stopped(s, 'buy', 'Add a product to the cart');
    const code = pick(discountCodes);
    if (code) cart = applyDiscountCode(s, cart, code);
    const address = pick(addresses);
    const addressId = address ? chooseShippingAddress(s, address) : undefined;
    if (!addressId) return stopped(s, 'buy', 'Choose a shipping address');
    think();
    const session = startCheckout(s, cart.id, addressId);
    if (!session) return stopped(s, 'buy', 'Start the checkout');
    const confirmation = confirmOrder(s, session.id, cart.totalPrice);
    if (!confirmation) return stopped(s, 'buy', 'Place the order');
    cancelOrder(s, confirmation.orderId);
  } finally {
    logout(s);
  }
}
