// The one i18n module: the chosen language, the typed message keys, one translate function and
// the field-error texts. Messages live in config/messages/: es.ts + en.ts (storefront, in the first
// download) and admin-es.ts + admin-en.ts (staff area, loaded with the admin chunk by
// loadAdminMessages). There is no fallback between languages: each key is in both (the types of
// en.ts/admin-en.ts require it and i18n.test.ts checks it); an unknown key shows as itself.
import { useSyncExternalStore } from 'react';
import { es, type StoreMessageKey } from '../config/messages/es';
import { en } from '../config/messages/en';
import type { AdminMessageKey } from '../config/messages/admin-es';
import type { ApiError, FieldError } from './api-client';

export type { StoreMessageKey, AdminMessageKey };
/** Every message key; admin keys resolve once loadAdminMessages() has run (the admin routes wait for it). */
export type MessageKey = StoreMessageKey | AdminMessageKey;
export type Locale = 'es' | 'en';
type Catalog = Partial<Record<MessageKey, string>>;

// ---- The language: es (default) or en, kept in localStorage.
const LOCALE_KEY = 'moderno.locale';
let current: Locale = (() => {
  try {
    return globalThis.localStorage?.getItem(LOCALE_KEY) === 'en' ? 'en' : 'es';
  } catch {
    return 'es';
  }
})();
const listeners = new Set<() => void>();

export function getLocale(): Locale {
  return current;
}

export function setLocale(l: Locale) {
  current = l;
  try {
    localStorage.setItem(LOCALE_KEY, l);
  } catch {
    /* ignore */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = l === 'en' ? 'en' : 'es-CL';
  listeners.forEach((f) => f());
}

export function subscribeLocale(f: () => void) {
  listeners.add(f);
  return () => listeners.delete(f);
}

// ---- Messages.
const store: Record<Locale, Catalog> = { es, en };
let admin: Record<Locale, Catalog> | null = null;
let adminLoading: Promise<void> | null = null;

/** Loads the staff area's texts (a separate chunk); resolves at once when already loaded. */
export function loadAdminMessages(): Promise<void> {
  adminLoading ??= Promise.all([import('../config/messages/admin-es'), import('../config/messages/admin-en')])
    .then(([a, b]) => { admin = { es: a.adminEs, en: b.adminEn }; });
  return adminLoading;
}

function lookup(key: string, locale: Locale): string | undefined {
  const k = key as MessageKey;
  return store[locale][k] ?? admin?.[locale][k];
}

function fill(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** Translates a key in the current language, filling {placeholders}. */
export function translate(key: MessageKey, vars?: Record<string, string | number>): string {
  return fill(lookup(key, current) ?? key, vars);
}

/** The translator for components; re-renders when the language changes. */
export function useT() {
  const locale = useSyncExternalStore(subscribeLocale, getLocale, getLocale);
  return { t: translate, locale, setLocale: (l: Locale) => setLocale(l) };
}

// ---- Field errors: the server's validation codes in the shopper's words.

/** The text to show under a field for one server error: `field.<field>.<code>`, then `field.<code>`, else the server's message. */
export function fieldMessage(e: FieldError): string {
  return lookup(`field.${e.field}.${e.code}`, current) ?? lookup(`field.${e.code}`, current) ?? (e.message || e.code);
}

/** The messages of `field` in `error` (none when error is not an ApiError). */
export function messagesFor(error: unknown, field: string): string[] {
  const api = error as ApiError | null;
  if (!api || typeof api.errorsFor !== 'function') return [];
  return api.errorsFor(field).map(fieldMessage);
}
