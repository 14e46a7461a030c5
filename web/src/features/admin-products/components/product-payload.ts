// The product form's state (strings, as typed) and the JSON body it becomes (docs/API.md,
// Staff: catalog administration). Create sends initial stock; update never does (PUT refuses it).
import type { ProductDetail } from '../api/get-product';

export interface VariantDraft {
  id?: number;
  name: string;
  sku: string;
  price: string;
  compare_price: string;
  options: string;
  stock: string;
}

export interface ImageDraft { url: string; alt: string }

export interface ProductDraft {
  name: string;
  sku: string;
  slug: string;
  price: string;
  compare_price: string;
  cost_price: string;
  category_id: string;
  brand_id: string;
  short_description: string;
  description: string;
  meta_title: string;
  meta_description: string;
  weight_grams: string;
  is_active: boolean;
  is_featured: boolean;
  stock: string;
  variants: VariantDraft[];
  images: ImageDraft[];
}

export interface VariantPayload {
  id?: number;
  name: string;
  sku: string;
  price: number | null;
  compare_price: number | null;
  options: Record<string, string>;
  stock?: number;
}

export interface ProductPayload {
  name: string;
  sku: string;
  slug?: string;
  price: number | null;
  compare_price: number | null;
  cost_price: number | null;
  category_id: number | null;
  brand_id: number | null;
  short_description: string | null;
  description: string | null;
  meta_title: string | null;
  meta_description: string | null;
  weight_grams: number | null;
  is_active: boolean;
  is_featured: boolean;
  stock?: number;
  variants?: VariantPayload[];
  images?: { url: string; alt: string | null }[];
}

export const emptyVariant = (): VariantDraft => ({ name: '', sku: '', price: '', compare_price: '', options: '', stock: '' });

export function emptyProduct(): ProductDraft {
  return {
    name: '', sku: '', slug: '', price: '', compare_price: '', cost_price: '', category_id: '', brand_id: '',
    short_description: '', description: '', meta_title: '', meta_description: '', weight_grams: '',
    is_active: true, is_featured: false, stock: '', variants: [], images: [],
  };
}

const str = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** "talla=42, color=Negro" <-> {talla: "42", color: "Negro"} */
export function parseOptions(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const [k, ...rest] = part.split('=');
    if (k?.trim() && rest.length) out[k.trim()] = rest.join('=').trim();
  }
  return out;
}

export function formatOptions(o: Record<string, string> | null | undefined): string {
  return Object.entries(o ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
}

export function draftFromProduct(p: ProductDetail): ProductDraft {
  return {
    name: p.name, sku: p.sku, slug: p.slug, price: str(p.price), compare_price: str(p.compare_price),
    cost_price: str(p.cost_price), category_id: str(p.category?.id), brand_id: str(p.brand?.id),
    short_description: p.short_description ?? '', description: p.description ?? '',
    meta_title: p.meta_title ?? '', meta_description: p.meta_description ?? '', weight_grams: str(p.weight_grams),
    is_active: p.is_active ?? true, is_featured: p.is_featured, stock: '',
    // A variant whose price equals the product's inherits it (the API sends the fallback).
    variants: p.variants.map((v) => ({
      id: v.id, name: v.name, sku: v.sku, price: v.price === p.price ? '' : str(v.price),
      compare_price: v.compare_price === p.compare_price ? '' : str(v.compare_price), options: formatOptions(v.options), stock: '',
    })),
    images: p.images.map((i) => ({ url: i.url, alt: i.alt ?? '' })),
  };
}

// A number as typed, or null when empty; text that is not a whole number goes as is, so the
// server reports it on the field (`type`) rather than the form guessing.
function num(v: string): number | null {
  const t = v.trim().replace(/\./g, '');
  if (t === '') return null;
  return /^-?\d+$/.test(t) ? Number(t) : (t as unknown as number);
}

const text = (v: string) => (v.trim() === '' ? null : v.trim());

/** The request body of a create (`creating`) or an update. `withImages`: send the image list. */
export function buildProductPayload(d: ProductDraft, creating: boolean, withImages = creating): ProductPayload {
  const body: ProductPayload = {
    name: d.name.trim(),
    sku: d.sku.trim(),
    price: num(d.price),
    compare_price: num(d.compare_price),
    cost_price: num(d.cost_price),
    category_id: num(d.category_id),
    brand_id: num(d.brand_id),
    short_description: text(d.short_description),
    description: text(d.description),
    meta_title: text(d.meta_title),
    meta_description: text(d.meta_description),
    weight_grams: num(d.weight_grams),
    is_active: d.is_active,
    is_featured: d.is_featured,
  };
  if (d.slug.trim()) body.slug = d.slug.trim();
  if (creating) {
    if (d.variants.length === 0 && num(d.stock) !== null) body.stock = num(d.stock) as number;
  }
  if (creating ? d.variants.length > 0 : true) {
    body.variants = d.variants.map((v) => {
      const out: VariantPayload = {
        name: v.name.trim(), sku: v.sku.trim(), price: num(v.price), compare_price: num(v.compare_price), options: parseOptions(v.options),
      };
      if (v.id) out.id = v.id;
      if (creating && num(v.stock) !== null) out.stock = num(v.stock) as number;
      return out;
    });
  }
  if (withImages) body.images = d.images.filter((i) => i.url.trim()).map((i) => ({ url: i.url.trim(), alt: text(i.alt) }));
  return body;
}
