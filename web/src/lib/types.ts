// Shapes of the API's JSON (docs/API.md), shared by several features.
export interface Pagination {
  page: number;
  limit: number;
  total: number;
  pages: number;
}

export interface Page<T> {
  data: T[];
  pagination: Pagination;
}

export interface ProductSummary {
  id: number;
  name: string;
  slug: string;
  sku: string;
  short_description: string | null;
  price: number;
  compare_price: number | null;
  currency: string;
  category: { id: number; name: string; slug: string } | null;
  brand: { id: number; name: string } | null;
  images: string[];
  stock: number;
  in_stock: boolean;
  rating: number | null;
  reviews_count: number;
  is_featured: boolean;
  created_at: string;
}

export interface Address {
  id?: number;
  label?: string | null;
  recipient_name?: string | null;
  street: string;
  number: string;
  apartment?: string | null;
  comuna: string;
  city: string;
  region: string;
  postal_code?: string | null;
  country?: string | null;
  phone?: string | null;
  is_default_shipping?: boolean;
  is_default_billing?: boolean;
}

export type OrderStatus = 'pending' | 'confirmed' | 'processing' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';

export interface OrderSummary {
  id: number;
  order_number: string;
  status: OrderStatus;
  payment_status: string;
  payment_method: string;
  currency: string;
  total_amount: number;
  item_count: number;
  shipping_method: string | null;
  tracking_number: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrderItem {
  id: number;
  product_id: number;
  variant_id: number | null;
  sku: string;
  name: string;
  variant_name: string | null;
  image_url: string | null;
  unit_price: number;
  quantity: number;
  discount_amount: number;
  line_total: number;
}

export interface StatusChange {
  from: OrderStatus | null;
  to: OrderStatus;
  by: string;
  note: string | null;
  created_at: string;
}

export interface Payment {
  id?: number;
  method?: string;
  provider?: string;
  kind?: 'charge' | 'refund';
  status: string;
  amount: number;
  reference?: string | null;
  failure_code?: string | null;
  failure_message?: string | null;
  /** What the provider answered: authorization code, card, Webpay payment type, installments, its own status word. */
  authorization_code?: string | null;
  card_last4?: string | null;
  payment_type?: string | null;
  installments?: number | null;
  provider_status?: string | null;
  created_at?: string;
}

/** Where the browser goes to pay on the provider's page (a form `method` to `url` with `fields`). */
export interface RedirectAction {
  type: 'redirect';
  url: string;
  method: 'GET' | 'POST';
  fields: Record<string, string>;
}

export interface OrderDetail extends OrderSummary {
  items: OrderItem[];
  subtotal: number;
  discount_amount: number;
  shipping_amount: number;
  tax_amount: number;
  refunded_amount: number;
  coupon_code: string | null;
  shipping_region: string | null;
  shipping_address: Address | null;
  billing_address: Address | null;
  notes: string | null;
  paid_at: string | null;
  shipped_at: string | null;
  delivered_at: string | null;
  cancelled_at: string | null;
  status_history: StatusChange[];
  payments: Payment[];
  reserved_until?: string | null;
  next_action?: RedirectAction | { type: 'confirm_card_payment'; client_secret: string } | null;
}

// The cart (GET /cart and every cart change answer it).
export type CartWarning = 'price_changed' | 'stock_short' | 'unavailable';

export interface CartItem {
  id: number;
  product_id: number;
  variant_id: number | null;
  sku: string;
  name: string;
  slug: string;
  variant_name: string | null;
  image_url: string | null;
  unit_price: number;
  price_when_added: number;
  quantity: number;
  line_total: number;
  available: number;
  warnings: CartWarning[];
}

export interface Cart {
  items: CartItem[];
  item_count: number;
  currency: string;
  subtotal: number;
  discount_amount: number;
  shipping_amount: number;
  tax_amount: number;
  total_amount: number;
  coupon: { code: string; [k: string]: unknown } | null;
  coupon_warning?: string | null;
  shipping_estimate: { method: string; name: string; amount: number } | null;
}
