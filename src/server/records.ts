// The reference server's internal records: what data.ts generates and the routes mutate.
// Representations sent over the wire are built from these in views.ts.

export type LocalizedString = Record<string, string>;
export type ProductStatus = 'active' | 'inactive' | 'discontinued';
export type OrderStatus = 'CREATED' | 'CONFIRMED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';

export interface VariantRec {
  id: string;
  sku: string;
  priceCents: number;
  inStock: boolean;
  attributes: Record<string, string>;
}

export interface MediaRec {
  id: string;
  type: 'image' | 'video';
  url: string;
  position: number;
}

export interface ProductRec {
  id: string;
  slug: string;
  name: LocalizedString;
  description: LocalizedString;
  brand: string;
  status: ProductStatus;
  featured: boolean;
  inStock: boolean;
  popularity: number;
  priceCents: number;
  categoryIds: string[];
  createdAt: string;
  createdMs: number;
  lastModifiedAt: string;
  version: number;
  variants: VariantRec[];
  media: MediaRec[];
  /** lower-cased en-AU name and search text, for search ranking */
  nameLower: string;
  searchText: string;
}

export interface CategoryRec {
  id: string;
  slug: string;
  name: LocalizedString;
  parentId: string | null;
  position: number;
}

export interface CollectionRec {
  id: string;
  slug: string;
  name: LocalizedString;
  productIds: string[];
}

export interface ContentRec {
  slug: string;
  locale: string;
  type: 'page' | 'banner' | 'block';
  title: string;
  blocks: Array<Record<string, unknown>>;
  updatedAt: string;
}

export interface PreferencesRec {
  newsletter: boolean;
  locale: string;
  currencyCode: string;
}

export interface CustomerRec {
  id: string;
  version: number;
  emailAddress: string;
  password: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  createdAt: string;
  lastModifiedAt: string;
  preferences: PreferencesRec;
}

export interface AddressRec {
  id: string;
  customerId: string;
  firstName: string;
  lastName: string;
  streetName: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  isDefault: boolean;
}

export interface LineItemRec {
  id: string;
  productId: string;
  variantId: string | null;
  quantity: number;
  /** in the cart's / order's currency */
  unitCents: number;
}

export interface OrderRec {
  id: string;
  version: number;
  orderNumber: string;
  customerId: string;
  status: OrderStatus;
  currency: string;
  lineItems: LineItemRec[];
  totalCents: number;
  createdAt: string;
  createdMs: number;
  lastModifiedAt: string;
}

export interface CartRec {
  id: string;
  version: number;
  customerId: string;
  currency: string;
  lineItems: LineItemRec[];
  discountCode: string | null;
  createdAt: string;
  lastModifiedAt: string;
}

export interface SessionRec {
  id: string;
  cartId: string;
  customerId: string;
  /** cart version when the session was created (IDM-05) */
  cartVersion: number;
  status: 'PENDING' | 'CONFIRMED' | 'CANCELLED';
  totalCents: number;
  currency: string;
  shippingAddressId: string;
  expiresAt: string;
  orderId?: string;
}

export interface DiscountRec {
  code: string;
  percent?: number;
  fixedCents?: number;
}

export interface Dataset {
  categories: CategoryRec[];
  products: ProductRec[];
  collections: CollectionRec[];
  content: ContentRec[];
  customers: CustomerRec[];
  addresses: AddressRec[];
  orders: OrderRec[];
  discounts: DiscountRec[];
}
