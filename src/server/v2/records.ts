// The v2 server's internal records: the seeded catalogue and content (localised text per
// language, prices in minor units per region) and the mutable customer data. Wire shapes are
// built from these in views.ts; amounts stay integers in minor units until rendered.

export const LANGS = ['en-GB', 'de-DE', 'tr-TR', 'ja-JP'] as const;
export type Lang = (typeof LANGS)[number];
export type Text = Record<Lang, string>;

export const REGION_CODES = ['GB', 'DE', 'TR', 'JP'] as const;
export type RegionCode = (typeof REGION_CODES)[number];
export type PerRegion = Record<RegionCode, number>;

export interface CategoryRec {
  id: string;
  slug: string;
  name: Text;
  parentId: string | null;
  position: number;
  childIds: string[];
}

export interface ProductRec {
  id: string;
  slug: string;
  name: Text;
  description: Text;
  brand: string;
  categoryId: string;
  /** minor units of each region's currency */
  price: PerRegion;
  listPrice: PerRegion;
  inStock: boolean;
  rating: number;
  status: 'active' | 'inactive';
  images: Array<{ url: string; position: number }>;
  createdAt: string;
  updatedAt: string;
}

export interface CommentRec {
  id: string;
  productId: string;
  authorName: string;
  rating: number;
  text: string;
  createdAt: string;
}

export interface BannerRec { id: string; title: Text; imageUrl: string; link: string; position: number }
export interface SliderRec { id: string; title: Text; slides: Array<{ imageUrl: string; link: string; position: number }> }
export interface ShowroomRec { id: string; title: Text; blocks: Array<{ type: string; productIds: string[] }> }
export interface LayoutRec { pageKey: string; title: Text; blocks: Array<Record<string, unknown>>; updatedAt: string }
export interface NewsRec { id: string; title: Text; summary: Text; publishedAt: string }
export interface StoreRec { id: string; name: string; region: RegionCode }

export interface CustomerRec {
  id: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AddressInput {
  firstName: string;
  lastName: string;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  country: string;
}

export interface AddressRec extends AddressInput {
  id: string;
  customerId: string;
  isDefault: boolean;
}

export interface BasketLineRec {
  id: string;
  productId: string;
  quantity: number;
}

export interface BasketRec {
  id: string;
  customerId: string | null;
  lines: BasketLineRec[];
  discountCode: string | null;
  /** line ids deleted from this basket (a second DELETE: mode repeatDeleteLine) */
  deletedLines: Set<string>;
  createdAt: string;
  updatedAt: string;
}

export type OrderStatus = 'CREATED' | 'PAID' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';

/** Amounts of a priced basket or order, in minor units of `currency`. */
export interface Totals {
  currency: string;
  lines: Array<{ id: string; productId: string; quantity: number; unitPrice: number; lineTotal: number }>;
  subtotal: number;
  discountTotal: number;
  shippingTotal: number;
  total: number;
}

export interface OrderRec extends Totals {
  id: string;
  orderNumber: string;
  customerId: string | null;
  email: string;
  status: OrderStatus;
  clientReference: string;
  shippingAddress: AddressInput;
  createdAt: string;
  updatedAt: string;
}

export interface CardRec {
  id: string;
  customerId: string;
  brand: string;
  last4: string;
  expiryMonth: number;
  expiryYear: number;
  holderName: string;
}

export interface PaymentMethodRec {
  id: string;
  type: 'CARD' | 'WALLET' | 'BANK_TRANSFER';
  name: string;
  requiresOtp: boolean;
  regions: RegionCode[];
}

export type PaymentStatus = 'PENDING_OTP' | 'AUTHORIZED' | 'FAILED' | 'CANCELLED';

export interface PaymentRec {
  id: string;
  customerId: string;
  orderId: string;
  methodId: string;
  cardId: string | null;
  status: PaymentStatus;
  amount: number;
  currency: string;
  clientReference: string;
  wrongOtps: number;
  createdAt: string;
  updatedAt: string;
}

export interface PurchaseRec {
  id: string;
  customerId: string;
  storeId: string;
  catalogItemId: string;
  quantity: number;
  amount: number;
  currency: string;
  clientReference: string;
  status: 'COMPLETED';
  createdAt: string;
}

export interface NotificationRec { id: string; customerId: string; title: string; body: string; read: boolean; createdAt: string }
export interface TicketRec { id: string; customerId: string; storeId: string; subject: string; status: 'OPEN' | 'CLOSED'; createdAt: string }

export interface DiscountRec {
  code: string;
  description: string;
  validUntil: string;
  percentage?: number;
  /** a fixed amount off, minor units per region */
  amount?: PerRegion;
}

export interface V2Dataset {
  categories: CategoryRec[];
  products: ProductRec[];
  comments: CommentRec[];
  banners: BannerRec[];
  sliders: SliderRec[];
  showrooms: ShowroomRec[];
  layouts: LayoutRec[];
  news: NewsRec[];
  stores: StoreRec[];
  customers: CustomerRec[];
  addresses: AddressRec[];
  orders: OrderRec[];
  cards: CardRec[];
  payments: PaymentRec[];
  purchases: PurchaseRec[];
  notifications: NotificationRec[];
  tickets: TicketRec[];
  discounts: DiscountRec[];
}
