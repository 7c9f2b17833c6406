// The few resource fields the journeys read (CONTRACT.md section 3); servers may send more.

export interface Money {
  type: string;
  currencyCode: string;
  centAmount: number;
  fractionDigits: number;
}
export interface Category {
  id: string;
  slug: string;
  parentId: string | null;
}
export interface ProductSummary {
  id: string;
  slug: string;
  status: string;
  inStock: boolean;
  categoryIds: string[];
  price: Money;
}
export interface LineItem {
  id: string;
  productId: string;
  quantity: number;
  unitPrice: Money;
  totalPrice: Money;
}
export interface Cart {
  id: string;
  version: number;
  lineItems: LineItem[];
  discountCode: string | null;
  subtotal: Money;
  discount: Money;
  totalPrice: Money;
}
export interface Address {
  id: string;
}
export interface CheckoutSession {
  id: string;
  cartId: string;
  status: string;
  totalPrice: Money;
}
export interface Order {
  id: string;
  status: string;
  totalAmount: Money;
}
export interface Confirmation {
  orderId: string;
  status: string;
  order: Order;
}
